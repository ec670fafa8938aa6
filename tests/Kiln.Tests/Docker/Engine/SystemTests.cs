using Kiln.Docker;

namespace Kiln.Tests.Docker.Engine;

public sealed class SystemTests
{
    [Test]
    public async Task Ping_of_the_running_daemon_succeeds()
    {
        await DaemonFixture.Client.System.PingAsync(CancellationToken.None);
    }

    [Test]
    public async Task Version_reports_an_api_that_serves_version_1_41()
    {
        var version = await DaemonFixture.Client.System.VersionAsync(CancellationToken.None);

        Assert.That(version.Version, Is.Not.Empty);
        Assert.That(Version.Parse(version.ApiVersion), Is.GreaterThanOrEqualTo(new Version(1, 41)));
        Assert.That(Version.Parse(version.MinAPIVersion), Is.LessThanOrEqualTo(new Version(1, 41)));
    }

    [Test]
    public async Task Probe_of_the_running_daemon_says_available()
    {
        var availability = await DockerAvailability.ProbeAsync(DaemonFixture.Client.Endpoint);

        Assert.That(availability.IsAvailable, Is.True, availability.Description);
    }

    [Test]
    public void Ping_at_a_socket_that_does_not_exist_throws_unreachable_naming_the_path()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"kiln-no-daemon-{Guid.NewGuid():N}.sock");
        using var client = new DockerClient(DockerEndpoint.UnixSocket(socket));

        var error = Assert.ThrowsAsync<DockerDaemonUnreachableException>(() => client.System.PingAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(socket));
    }

    [Test]
    public async Task Probe_of_a_socket_that_does_not_exist_says_unavailable_and_where()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"kiln-no-daemon-{Guid.NewGuid():N}.sock");

        var availability = await DockerAvailability.ProbeAsync(DockerEndpoint.UnixSocket(socket));

        Assert.That(availability.IsAvailable, Is.False);
        Assert.That(availability.Description, Does.Contain(socket));
    }
}
