using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Processes;
using Kiln.Tools;
using Kiln.Tools.Executors;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Docker;

/// <summary>
/// Runs tool recipes inside the builder image: one long-lived container per architecture, recipes and sources
/// bind-mounted read-only, scratch space in the container's own filesystem, results copied out through the
/// archive endpoint so nothing on the host ends up owned by the container's root. A compile's container has no network
/// (only the source downloads' has the host's). Containers are labelled with the
/// checkout they build for, so that one build's containers can be told from those of other builds on the same daemon.
/// </summary>
internal sealed class DockerToolExecutor(IDockerClient client, string dockerfilePath, string baseImage, string checkoutDirectory) : IToolExecutor
{
    /// <summary>Label naming a tools container's checkout (its full path); one build runs per checkout at a time.</summary>
    internal const string CheckoutLabel = "kiln.checkout";

    internal const string RecipesPath = "/kiln/tools";
    internal const string SourcesPath = "/kiln/sources";
    internal const string WorkPath = "/kiln/work";

    internal const string DependenciesPath = "/kiln/deps";

    private Task<BuiltImage>? _image;
    private Task<string>? _packages;

    public string Name => "docker";

    public bool UsesBuilderImage => true;

    /// <summary>The content tag of the builder image: known from the Dockerfile and base reference alone.</summary>
    public string ImageTag { get; } = BuilderImage.TagFor(File.ReadAllBytes(dockerfilePath), baseImage);

    /// <summary>Where the builder image's package listing is remembered against its image id (null: read it every run).</summary>
    public string? PackagesMemoFile { get; init; }

    /// <summary>
    /// Builds the builder image when its content tag is missing and reads its installed packages: the key names what
    /// is installed in it, which the Dockerfile's unpinned <c>apt-get install</c> does not fix.
    /// </summary>
    public async Task EnsureToolchainAsync(IReadOnlyList<ToolArchitecture> architectures, TextWriter log, CancellationToken cancellationToken) =>
        await PackagesAsync(new SynchronousProgress<string>(line => log.WriteLine($"  {line}")), cancellationToken);

    /// <summary>The installed packages that shape the arch's binaries (<see cref="ToolchainPackages"/>), as the builder image's dpkg lists them.</summary>
    public async Task<string> ToolchainKeyAsync(ToolArchitecture arch, CancellationToken cancellationToken) =>
        ToolchainPackages.Describe(await PackagesAsync(new Progress<string>(), cancellationToken), arch);

    /// <summary>Memoized as a task: every arch's key reads the same listing, once per run.</summary>
    private Task<string> PackagesAsync(IProgress<string> progress, CancellationToken cancellationToken) =>
        _packages ??= ReadPackagesAsync(progress, cancellationToken);

    private async Task<string> ReadPackagesAsync(IProgress<string> progress, CancellationToken cancellationToken) =>
        await new BuilderImagePackages(client, PackagesMemoFile).ReadAsync(
            await EnsureImageAsync(progress, cancellationToken), ContainerLabels("packages"), cancellationToken);

    /// <summary>The builder image id: it fixes every compiler, native and cross, so it is the same for each arch.</summary>
    public async Task<string> DescribeToolchainAsync(string arch, CancellationToken cancellationToken) =>
        (await EnsureImageAsync(new Progress<string>(), cancellationToken)).Id;

    public async Task<string> PrepareAsync(IProgress<string> progress, CancellationToken cancellationToken)
    {
        var image = await EnsureImageAsync(progress, cancellationToken);
        return image.WasBuilt ? $"built {image.Tag}" : $"present {image.Tag}";
    }

    public Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken) =>
        DownloadInImageAsync(recipes.Select(r => (r.Name, $"source --download-only '{r.AptSourceSpec}'", r.RecipeFile)).ToList(), directory, log, cancellationToken);

    public Task DownloadBinaryPackagesAsync(IReadOnlyList<DataRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken) =>
        DownloadInImageAsync(recipes.Select(r => (r.Name, $"download '{r.AptSpec}'", r.RecipeFile)).ToList(), directory, log, cancellationToken);

    /// <summary>
    /// Runs each apt-get download inside the builder image: its apt is Debian's, with deb-src entries derived from the
    /// image's own sources, so the pinned versions are found whatever the host runs. The image's package lists are
    /// refreshed only when a download fails with them. A package apt cannot deliver does not stop the others
    /// (<see cref="AptDownloadException"/>).
    /// </summary>
    private async Task DownloadInImageAsync(
        IReadOnlyList<(string Name, string Command, string RecipeFile)> downloads, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        var failures = new List<AptDownloadException.Failure>();
        await using (var sandbox = await OpenAsync(new ToolSandboxSpec("downloads", directory, directory) { Network = true }, cancellationToken))
        {
            foreach (var (name, command, recipeFile) in downloads)
            {
                var target = $"{WorkPath}/downloads/{name}";
                var apt = $"apt-get -q -o APT::Sandbox::User=root {command}";
                var script = $"set -e; mkdir -p {target}; cd {target}; {apt} || {{ apt-get -q update && {apt}; }}";
                log.WriteLine($"{name}: apt-get {command} (in {ImageTag})");
                var exitCode = await sandbox.RunAsync(new ToolCommand(["sh", "-c", script], WorkPath, new Dictionary<string, string>()), log, cancellationToken);
                if (exitCode != 0)
                    failures.Add(new(name,
                        $"{name}: 'apt-get {command}' failed in the builder image {ImageTag} with exit code {exitCode} (pinned in {recipeFile}); is this version served by the image's apt sources?"));
                else
                    await sandbox.ExportAsync(target, Path.Combine(directory, name), cancellationToken);
            }
        }

        if (failures.Count > 0)
            throw new AptDownloadException(failures);
    }

    public async Task<IToolSandbox> OpenAsync(ToolSandboxSpec spec, CancellationToken cancellationToken)
    {
        var recipes = ExistingDirectory(spec.RecipesDirectory, nameof(spec.RecipesDirectory));
        var sources = ExistingDirectory(spec.SourcesDirectory, nameof(spec.SourcesDirectory));
        var image = await EnsureImageAsync(new Progress<string>(), cancellationToken);
        var container = new CreateContainerParameters
        {
            Image = image.Tag,
            Name = $"kiln-tools-{spec.Arch}-{Guid.NewGuid():N}"[..32],
            // The container only hosts execs; sleep keeps it alive until the sandbox removes it.
            Cmd = ["sleep", "infinity"],
            WorkingDir = WorkPath,
            Labels = ContainerLabels(spec.Arch),
            HostConfig = new HostConfig
            {
                Binds =
                [
                    $"{recipes}:{RecipesPath}:ro", $"{sources}:{SourcesPath}:ro",
                    .. spec.Dependencies.Select(d => $"{ExistingDirectory(d.Value, $"dependency {d.Key}")}:{DependenciesPath}/{d.Key}:ro"),
                ],
                // The CI machine has no bridge: downloads use the host's network, and a compile none, which needs no bridge.
                NetworkMode = spec.Network ? "host" : "none",
            },
        };
        string id;
        try
        {
            id = (await client.Containers.CreateContainerAsync(container, cancellationToken)).ID;
        }
        catch (OperationCanceledException)
        {
            // The daemon may have created the container before the cancellation reached it; its name finds it.
            await new DockerToolSandbox(client, container.Name, new Dictionary<string, string>()).DisposeAsync();
            throw;
        }
        var sandbox = new DockerToolSandbox(client, id, spec.Dependencies.Keys.ToDictionary(name => name, name => $"{DependenciesPath}/{name}"), spec.Network);
        try
        {
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
        return sandbox;
    }

    private Dictionary<string, string> ContainerLabels(string purpose) => new()
    {
        ["kiln.sandbox"] = "tools", ["kiln.arch"] = purpose, [CheckoutLabel] = Path.GetFullPath(checkoutDirectory),
    };

    /// <summary>The builder image, built (and its base bootstrapped) once per run, only when its content tag is missing.</summary>
    /// Memoized as a task: sandboxes of parallel jobs open at once and must not build it twice.
    private Task<BuiltImage> EnsureImageAsync(IProgress<string> progress, CancellationToken cancellationToken) =>
        _image ??= new BuilderImage(client, new BaseImageProvider(client)).EnsureAsync(dockerfilePath, baseImage, progress, cancellationToken);

    /// <summary>
    /// Docker creates a missing bind source as an empty root-owned directory, which would hide a wrong path
    /// behind a confusing build failure; refuse it up front instead.
    /// </summary>
    private static string ExistingDirectory(string path, string role)
    {
        var fullPath = Path.GetFullPath(path);
        return Directory.Exists(fullPath)
            ? fullPath
            : throw new DirectoryNotFoundException($"{role} '{fullPath}' does not exist; it cannot be mounted into the tools container");
    }
}
