using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Docker;

namespace Kiln.Tests.Docker.Engine;

public sealed class ContainerTests
{
    private readonly List<string> containersToRemove = [];

    [TearDown]
    public async Task RemoveContainers()
    {
        foreach (var container in containersToRemove)
            await DaemonFixture.Client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        containersToRemove.Clear();
    }

    [Test]
    public async Task Container_gets_env_working_dir_and_user_and_its_stdout_and_stderr_are_read_apart()
    {
        var id = await CreateAsync(new CreateContainerParameters
        {
            Cmd = ["sh", "-c", "echo \"$KILN_VALUE $(pwd) $(id -u)\"; echo to-stderr >&2"],
            Env = ["KILN_VALUE=a b"],
            WorkingDir = "/tmp",
            User = "1234",
        });
        await DaemonFixture.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), CancellationToken.None);
        var exit = await DaemonFixture.Client.Containers.WaitContainerAsync(id, CancellationToken.None);

        using var logs = await DaemonFixture.Client.Containers.GetContainerLogsAsync(
            id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, CancellationToken.None);
        var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);

        Assert.That(exit.StatusCode, Is.Zero);
        Assert.That(stdout, Is.EqualTo("a b /tmp 1234\n"));
        Assert.That(stderr, Is.EqualTo("to-stderr\n"));
    }

    [Test]
    public async Task A_file_is_copied_out_of_a_container_as_a_tar_stream()
    {
        var id = await CreateAsync(new CreateContainerParameters { Cmd = ["sh", "-c", "echo kiln-payload > /tmp/result.txt"] });
        await DaemonFixture.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), CancellationToken.None);
        await DaemonFixture.Client.Containers.WaitContainerAsync(id, CancellationToken.None);

        var archive = await DaemonFixture.Client.Containers.GetArchiveFromContainerAsync(
            id, new ContainerPathStatParameters { Path = "/tmp/result.txt" }, statOnly: false, CancellationToken.None);
        await using var reader = new TarReader(archive.Stream!);
        var entry = await reader.GetNextEntryAsync();

        Assert.That(entry!.Name, Is.EqualTo("result.txt"));
        using var content = new StreamReader(entry.DataStream!, Encoding.UTF8);
        Assert.That(await content.ReadToEndAsync(), Is.EqualTo("kiln-payload\n"));
    }

    [Test]
    public void Creating_a_container_from_a_missing_image_throws_image_not_found()
    {
        var parameters = new CreateContainerParameters { Image = $"kiln-test-missing:{Guid.NewGuid():N}", Cmd = ["true"] };

        var error = Assert.ThrowsAsync<DockerImageNotFoundException>(() =>
            DaemonFixture.Client.Containers.CreateContainerAsync(parameters, CancellationToken.None));

        Assert.That(error!.DaemonMessage(), Does.Contain("No such image"));
    }

    [Test]
    public void Starting_a_missing_container_throws_container_not_found()
    {
        var missing = $"kiln-test-missing-{Guid.NewGuid():N}";

        var error = Assert.ThrowsAsync<DockerContainerNotFoundException>(() =>
            DaemonFixture.Client.Containers.StartContainerAsync(missing, new ContainerStartParameters(), CancellationToken.None));

        Assert.That(error!.DaemonMessage(), Does.Contain(missing));
    }

    [Test]
    public async Task Exec_returns_the_exit_code_and_keeps_stdout_and_stderr_apart()
    {
        var id = await CreateAsync(new CreateContainerParameters { Cmd = ["sleep", "60"] });
        await DaemonFixture.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), CancellationToken.None);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        var exitCode = await DaemonFixture.Client.Exec.RunAsync(
            id,
            new ContainerExecCreateParameters { Cmd = ["sh", "-c", "echo out-$KILN_STEP; echo err-$KILN_STEP >&2; exit 5"], Env = ["KILN_STEP=one"] },
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

        Assert.ThrowsAsync<DockerContainerNotFoundException>(() => DaemonFixture.Client.Exec.RunAsync(
            missing, new ContainerExecCreateParameters { Cmd = ["true"] }, Stream.Null, Stream.Null, CancellationToken.None));
    }

    private async Task<string> CreateAsync(CreateContainerParameters parameters)
    {
        parameters.Image = DaemonFixture.BusyboxImage;
        parameters.HostConfig = new HostConfig { NetworkMode = "host" };
        var id = (await DaemonFixture.Client.Containers.CreateContainerAsync(parameters, CancellationToken.None)).ID;
        containersToRemove.Add(id);
        return id;
    }
}
