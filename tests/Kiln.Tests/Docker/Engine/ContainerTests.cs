using System.Formats.Tar;
using System.Text;
using Kiln.Docker;

namespace Kiln.Tests.Docker.Engine;

public sealed class ContainerTests
{
    private readonly List<string> containersToRemove = [];

    [TearDown]
    public async Task RemoveContainers()
    {
        foreach (var container in containersToRemove)
            await DaemonFixture.Client.Containers.RemoveAsync(container, force: true, CancellationToken.None);
        containersToRemove.Clear();
    }

    [Test]
    public async Task Container_stdout_and_stderr_are_read_separately()
    {
        var id = await RunToEndAsync("echo to-stdout; echo to-stderr >&2; echo more-stdout");

        var output = await DaemonFixture.Client.Containers.LogsAsync(id, CancellationToken.None);

        Assert.That(output.Stdout, Is.EqualTo("to-stdout\nmore-stdout\n"));
        Assert.That(output.Stderr, Is.EqualTo("to-stderr\n"));
    }

    [Test]
    public async Task Wait_returns_the_exit_code_of_the_container()
    {
        var id = await CreateAsync("exit 7");
        await DaemonFixture.Client.Containers.StartAsync(id, CancellationToken.None);

        var exitCode = await DaemonFixture.Client.Containers.WaitAsync(id, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(7));
    }

    [Test]
    public async Task Container_gets_env_working_dir_and_user()
    {
        var id = await DaemonFixture.Client.Containers.CreateAsync(
            new ContainerSpec(DaemonFixture.BusyboxImage)
            {
                Cmd = ["sh", "-c", "echo \"$KILN_VALUE $(pwd) $(id -u)\""],
                Env = new Dictionary<string, string> { ["KILN_VALUE"] = "a b" },
                WorkingDir = "/tmp",
                User = "1234",
                NetworkMode = "host",
            },
            CancellationToken.None);
        containersToRemove.Add(id);
        await DaemonFixture.Client.Containers.StartAsync(id, CancellationToken.None);
        await DaemonFixture.Client.Containers.WaitAsync(id, CancellationToken.None);

        var output = await DaemonFixture.Client.Containers.LogsAsync(id, CancellationToken.None);

        Assert.That(output.Stdout, Is.EqualTo("a b /tmp 1234\n"));
    }

    [Test]
    public async Task A_file_is_copied_out_of_a_container_as_a_tar_stream()
    {
        var id = await RunToEndAsync("echo kiln-payload > /tmp/result.txt");

        await using var archive = await DaemonFixture.Client.Containers.GetArchiveAsync(id, "/tmp/result.txt", CancellationToken.None);
        await using var reader = new TarReader(archive);
        var entry = await reader.GetNextEntryAsync();

        Assert.That(entry!.Name, Is.EqualTo("result.txt"));
        using var content = new StreamReader(entry.DataStream!, Encoding.UTF8);
        Assert.That(await content.ReadToEndAsync(), Is.EqualTo("kiln-payload\n"));
    }

    [Test]
    public void Creating_a_container_from_a_missing_image_throws_image_not_found()
    {
        var spec = new ContainerSpec($"kiln-test-missing:{Guid.NewGuid():N}") { Cmd = ["true"] };

        var error = Assert.ThrowsAsync<DockerImageNotFoundException>(() => DaemonFixture.Client.Containers.CreateAsync(spec, CancellationToken.None));

        Assert.That(error!.DaemonMessage, Does.Contain("No such image"));
    }

    [Test]
    public void Starting_a_missing_container_throws_container_not_found()
    {
        var missing = $"kiln-test-missing-{Guid.NewGuid():N}";

        var error = Assert.ThrowsAsync<DockerContainerNotFoundException>(() => DaemonFixture.Client.Containers.StartAsync(missing, CancellationToken.None));

        Assert.That(error!.DaemonMessage, Does.Contain(missing));
    }

    [Test]
    public async Task Exec_returns_the_exit_code_and_keeps_stdout_and_stderr_apart()
    {
        var id = await CreateAsync("sleep 60");
        await DaemonFixture.Client.Containers.StartAsync(id, CancellationToken.None);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        var exitCode = await DaemonFixture.Client.Exec.RunAsync(
            id,
            new ExecSpec(["sh", "-c", "echo out-$KILN_STEP; echo err-$KILN_STEP >&2; exit 5"])
            {
                Env = new Dictionary<string, string> { ["KILN_STEP"] = "one" },
            },
            stdout,
            stderr,
            CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(5));
        Assert.That(Encoding.UTF8.GetString(stdout.ToArray()), Is.EqualTo("out-one\n"));
        Assert.That(Encoding.UTF8.GetString(stderr.ToArray()), Is.EqualTo("err-one\n"));
    }

    [Test]
    public void Exec_in_a_missing_container_throws_container_not_found()
    {
        var missing = $"kiln-test-missing-{Guid.NewGuid():N}";

        Assert.ThrowsAsync<DockerContainerNotFoundException>(() =>
            DaemonFixture.Client.Exec.CreateAsync(missing, new ExecSpec(["true"]), CancellationToken.None));
    }

    private async Task<string> CreateAsync(string script)
    {
        var id = await DaemonFixture.Client.Containers.CreateAsync(
            new ContainerSpec(DaemonFixture.BusyboxImage) { Cmd = ["sh", "-c", script], NetworkMode = "host" },
            CancellationToken.None);
        containersToRemove.Add(id);
        return id;
    }

    private async Task<string> RunToEndAsync(string script)
    {
        var id = await CreateAsync(script);
        await DaemonFixture.Client.Containers.StartAsync(id, CancellationToken.None);
        Assert.That(await DaemonFixture.Client.Containers.WaitAsync(id, CancellationToken.None), Is.Zero);
        return id;
    }
}
