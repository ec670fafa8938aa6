using System.Diagnostics;
using Docker.DotNet;
using Kiln.Docker;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Executors;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Tests.Docker.Engine;

public sealed class DockerToolExecutorTests
{
    private DirectoryInfo root = null!;
    private DirectoryInfo recipes = null!;
    private DirectoryInfo sources = null!;

    [SetUp]
    public void CreateHostDirectories()
    {
        root = Directory.CreateTempSubdirectory("kiln-docker-executor-");
        recipes = root.CreateSubdirectory("tools");
        sources = root.CreateSubdirectory("sources");
        File.WriteAllText(Path.Combine(recipes.FullName, "recipe.sh"), "echo recipe-ran\n");
        File.WriteAllText(Path.Combine(sources.FullName, "input.txt"), "source-bytes\n");
        File.WriteAllText(Path.Combine(root.FullName, "builder.Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
    }

    [TearDown]
    public void RemoveHostDirectories() => root.Delete(recursive: true);

    [Test]
    public async Task The_description_is_the_built_image_id()
    {
        var executor = Executor();

        var description = await executor.DescribeToolchainAsync("aarch64", CancellationToken.None);

        var image = await DaemonFixture.Client.Images.InspectImageAsync(executor.ImageTag, CancellationToken.None);
        Assert.That(executor.Name, Is.EqualTo("docker"));
        Assert.That(description, Is.EqualTo(image.ID));
    }

    [Test]
    public void A_builder_image_without_dpkg_is_refused_naming_it()
    {
        var executor = Executor();

        var error = Assert.ThrowsAsync<BuildException>(() => executor.ToolchainKeyAsync(ToolArchitecture.Aarch64, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain(executor.ImageTag).And.Contain("dpkg-query").And.Contain("Debian"));
    }

    [Test]
    public async Task Steps_run_in_order_in_one_sandbox_that_sees_recipes_sources_and_its_environment()
    {
        await using var sandbox = await OpenAsync();
        var log = new StringWriter();

        var first = await sandbox.RunAsync(Command($"mkdir -p out && cat {sandbox.SourcesDirectory}/input.txt > out/copy.txt"), log, CancellationToken.None);
        var second = await sandbox.RunAsync(Command($"sh {sandbox.RecipesDirectory}/recipe.sh; echo \"$KILN_ARCH\" >&2; cat out/copy.txt; exit 4"), log, CancellationToken.None);

        Assert.That(first, Is.Zero);
        Assert.That(second, Is.EqualTo(4));
        Assert.That(log.ToString().Split('\n'), Is.SupersetOf(new[] { "recipe-ran", "aarch64", "source-bytes" }));
    }

    [Test]
    public async Task Recipes_and_sources_are_read_only_in_the_sandbox()
    {
        await using var sandbox = await OpenAsync();

        var exitCode = await sandbox.RunAsync(Command($"echo x > {sandbox.SourcesDirectory}/input.txt"), TextWriter.Null, CancellationToken.None);

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(File.ReadAllText(Path.Combine(sources.FullName, "input.txt")), Is.EqualTo("source-bytes\n"));
    }

    [Test]
    public async Task Dependencies_are_read_only_in_the_sandbox_under_their_names()
    {
        var zlib = root.CreateSubdirectory("zlib-part");
        File.WriteAllText(Path.Combine(zlib.FullName, "libz.a"), "library-bytes\n");
        var spec = new ToolSandboxSpec("aarch64", recipes.FullName, sources.FullName) { Dependencies = new Dictionary<string, string> { ["zlib"] = zlib.FullName } };
        await using var sandbox = await Executor().OpenAsync(spec, CancellationToken.None);
        var log = new StringWriter();

        var read = await sandbox.RunAsync(Command($"cat {sandbox.DependencyDirectories["zlib"]}/libz.a"), log, CancellationToken.None);
        var written = await sandbox.RunAsync(Command($"echo x > {sandbox.DependencyDirectories["zlib"]}/libz.a"), TextWriter.Null, CancellationToken.None);

        Assert.That(read, Is.Zero, log.ToString());
        Assert.That(log.ToString(), Does.Contain("library-bytes"));
        Assert.That(written, Is.Not.Zero);
        Assert.That(File.ReadAllText(Path.Combine(zlib.FullName, "libz.a")), Is.EqualTo("library-bytes\n"));
    }

    [Test]
    public async Task Export_copies_a_sandbox_directory_to_a_new_host_directory_owned_by_the_current_user()
    {
        await using var sandbox = await OpenAsync();
        await sandbox.RunAsync(Command("mkdir -p out/bin && echo built > out/bin/tool && chmod 755 out/bin/tool && chown -R 1234:1234 out"), TextWriter.Null, CancellationToken.None);
        var destination = Path.Combine(root.FullName, "exported");

        await sandbox.ExportAsync(sandbox.WorkDirectory + "/out", destination, CancellationToken.None);

        var tool = Path.Combine(destination, "bin", "tool");
        Assert.That(File.ReadAllText(tool), Is.EqualTo("built\n"));
        Assert.That(Run("stat", "-c", "%a", tool), Is.EqualTo("755"));
        Assert.That(Run("stat", "-c", "%u", tool), Is.EqualTo(Run("id", "-u")));
        Assert.That(root.GetDirectories(".kiln-export-*"), Is.Empty);
    }

    [Test]
    public async Task Export_to_an_existing_host_directory_is_refused()
    {
        await using var sandbox = await OpenAsync();
        await sandbox.RunAsync(Command("mkdir -p out"), TextWriter.Null, CancellationToken.None);

        Assert.ThrowsAsync<IOException>(() => sandbox.ExportAsync(sandbox.WorkDirectory + "/out", recipes.FullName, CancellationToken.None));
    }

    [Test]
    public async Task Export_of_a_link_escaping_the_destination_is_refused()
    {
        await using var sandbox = await OpenAsync();
        await sandbox.RunAsync(Command("mkdir -p out && ln -s ../../../../etc out/escape"), TextWriter.Null, CancellationToken.None);
        var destination = Path.Combine(root.FullName, "exported");

        Assert.ThrowsAsync<IOException>(() => sandbox.ExportAsync(sandbox.WorkDirectory + "/out", destination, CancellationToken.None));
        Assert.That(Directory.Exists(destination), Is.False);
    }

    [Test]
    public async Task Disposing_removes_the_container_even_after_a_cancelled_step()
    {
        var sandbox = (DockerToolSandbox)await OpenAsync();
        using var cancellation = new CancellationTokenSource();
        var step = sandbox.RunAsync(Command("sleep 60"), TextWriter.Null, cancellation.Token);
        cancellation.Cancel();
        Assert.That(async () => await step, Throws.InstanceOf<OperationCanceledException>());

        await sandbox.DisposeAsync();

        Assert.ThrowsAsync<DockerContainerNotFoundException>(() => DaemonFixture.Client.Containers.InspectContainerAsync(sandbox.ContainerId, CancellationToken.None));
    }

    [Test]
    public void Opening_with_a_missing_sources_directory_is_refused_naming_it()
    {
        var executor = Executor();
        var missing = Path.Combine(root.FullName, "no-sources");

        var error = Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            executor.OpenAsync(new ToolSandboxSpec("x86_64", recipes.FullName, missing), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(missing));
    }

    [Test]
    public async Task A_package_apt_cannot_serve_in_the_image_fails_naming_it_once_the_others_are_downloaded()
    {
        // An apt-get that serves the package "kept" only, as an image's apt does once its mirror has moved on from a pin.
        File.AppendAllText(Path.Combine(root.FullName, "builder.Dockerfile"),
            "RUN printf '%s\\n' '#!/bin/sh' 'case \"$*\" in *kept=1*) echo dsc > kept_1.dsc ;; *) exit 100 ;; esac' > /bin/apt-get && chmod +x /bin/apt-get\n");
        var downloads = root.CreateSubdirectory("downloads").FullName;

        var error = Assert.ThrowsAsync<AptDownloadException>(() =>
            Executor().DownloadSourcesAsync([Recipe("gone"), Recipe("kept")], downloads, TextWriter.Null, CancellationToken.None))!;

        Assert.That(error.Failures.Select(f => f.Name), Is.EqualTo(new[] { "gone" }));
        Assert.That(error.Message, Does.Contain("gone=1").And.Contain("tools/gone/tool.json"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(downloads, "kept", "kept_1.dsc")), Is.EqualTo("dsc\n"));
    }

    private static ToolRecipe Recipe(string name) =>
        new(name, ToolKind.Tool, name, "1", new string('0', 64), [], [name], "MIT", [], $"tools/{name}/tool.json");

    private DockerToolExecutor Executor() =>
        new(DaemonFixture.Client, Path.Combine(root.FullName, "builder.Dockerfile"), DaemonFixture.BusyboxImage, root.FullName);

    private Task<IToolSandbox> OpenAsync() =>
        Executor().OpenAsync(new ToolSandboxSpec("aarch64", recipes.FullName, sources.FullName), CancellationToken.None);

    private static ToolCommand Command(string script) =>
        new(["sh", "-c", script], DockerToolExecutor.WorkPath, new Dictionary<string, string> { ["KILN_ARCH"] = "aarch64" });

    private static string Run(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        // Two failed commands would print the same nothing: an equality of their outputs must not pass on that.
        Assert.That(process.ExitCode, Is.Zero, $"{fileName} {string.Join(' ', arguments)}");
        return output;
    }
}
