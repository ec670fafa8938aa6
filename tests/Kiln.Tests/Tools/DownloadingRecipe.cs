using System.Net;
using System.Net.Sockets;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Executors;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools;

/// <summary>
/// A checkout with one recipe, <c>kilnfetch</c>, whose build.sh fetches a file over TCP from a server this test process
/// listens with on the loopback interface, as a configure script that downloads would; the server only notes whether
/// anything connected. Whichever executor builds it, the build must fail before that connection is made.
/// </summary>
internal sealed class DownloadingRecipe : IDisposable
{
    public const string Name = "kilnfetch";

    private readonly ScratchDirectory _temp = new();
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private readonly ToolRecipe _recipe;

    public DownloadingRecipe()
    {
        _server.Start();
        Layout = new CheckoutLayout(_temp.Combine("checkout"));
        var sources = Path.Combine(Layout.SourcesDirectory, Name);
        Directory.CreateDirectory(sources);
        var dsc = SourcePackageFixture.Build(sources, Name, "1.0", new Dictionary<string, string> { ["README"] = "fetches its real source at build time\n" });
        _recipe = SourcePackageFixture.RecipeFor(dsc, Name, "1.0");
        var port = ((IPEndPoint)_server.LocalEndpoint).Port;
        var recipeDirectory = Path.Combine(Layout.RecipesDirectory, Name);
        Directory.CreateDirectory(recipeDirectory);
        File.WriteAllText(Path.Combine(recipeDirectory, ToolRecipeSet.BuildScriptName), $$"""
            #!/usr/bin/env bash
            set -euo pipefail
            exec 3<>/dev/tcp/127.0.0.1/{{port}}
            printf 'GET /kilnfetch.tar.gz HTTP/1.0\r\n\r\n' >&3
            install -D -m 0755 "$(command -v true)" "$KILN_OUT/kilnfetch"
            """);
    }

    public CheckoutLayout Layout { get; }

    /// <summary>
    /// Whether the build reached the server: a connection waits in its backlog until accepted, which nothing does. The
    /// script reads no answer, so with network it goes on and succeeds rather than wait.
    /// </summary>
    public bool ServerSawAConnection => _server.Pending();

    /// <summary>Builds the recipe for the native arch and returns the failure; a build that succeeds fails the test.</summary>
    public ToolBuildException BuildFails(IToolExecutor executor)
    {
        var native = ToolArchitecture.All.Single(a => a.Name == ToolArchitecture.HostName);
        return Assert.ThrowsAsync<ToolBuildException>(() =>
            new ToolBuilder(executor, Layout) { Jobs = 1 }.BuildAsync(native, [_recipe], Layout.SourcesDirectory, CancellationToken.None))!;
    }

    public void Dispose()
    {
        _server.Stop();
        _temp.Dispose();
    }
}
