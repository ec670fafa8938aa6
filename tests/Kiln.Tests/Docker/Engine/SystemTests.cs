using Kiln.Docker;

namespace Kiln.Tests.Docker.Engine;

public sealed class SystemTests
{
    [Test]
    public async Task Version_reports_an_api_that_serves_version_1_41()
    {
        var version = await DaemonFixture.Client.System.GetVersionAsync(CancellationToken.None);

        Assert.That(version.Version, Is.Not.Empty);
        Assert.That(Version.Parse(version.APIVersion!), Is.GreaterThanOrEqualTo(new Version(1, 41)));
        Assert.That(Version.Parse(version.MinAPIVersion!), Is.LessThanOrEqualTo(new Version(1, 41)));
    }

    [Test]
    public async Task Probe_of_the_running_daemon_says_available()
    {
        var availability = await DockerAvailability.ProbeAsync(DaemonFixture.Client.Options.Endpoint);

        Assert.That(availability.IsAvailable, Is.True, availability.Description);
    }

    [Test]
    public async Task Probe_of_a_socket_that_does_not_exist_says_unavailable_and_where()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"kiln-no-daemon-{Guid.NewGuid():N}.sock");

        var availability = await DockerAvailability.ProbeAsync(new Uri("unix://" + socket));

        Assert.That(availability.IsAvailable, Is.False);
        Assert.That(availability.Description, Does.Contain(socket).And.Contain("the socket does not exist"));
    }
}
