using Kiln.Tests.Support;

namespace Kiln.Tests.Caching.Remote;

/// <summary>A fresh nginx running the shipped remote cache configuration, and a scratch directory, for each test.</summary>
[NonParallelizable]
public abstract class NginxServerPerTest
{
    private protected ScratchDirectory Scratch { get; private set; } = null!;

    private protected NginxCacheServer Server { get; private set; } = null!;

    [SetUp]
    public void StartServer()
    {
        Scratch = new ScratchDirectory();
        Server = NginxCacheServer.Start();
    }

    [TearDown]
    public void StopServer()
    {
        Server.Dispose();
        Scratch.Dispose();
    }
}
