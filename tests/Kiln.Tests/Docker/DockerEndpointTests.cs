using Kiln.Docker;

namespace Kiln.Tests.Docker;

public sealed class DockerEndpointTests
{
    [TestCase(null)]
    [TestCase("")]
    public void Unset_DOCKER_HOST_means_the_default_socket(string? dockerHost)
    {
        Assert.That(DockerEndpoint.Parse(dockerHost).SocketPath, Is.EqualTo("/var/run/docker.sock"));
    }

    [Test]
    public void Unix_DOCKER_HOST_names_the_socket_path()
    {
        var endpoint = DockerEndpoint.Parse("unix:///run/user/1000/docker.sock");

        Assert.That(endpoint.SocketPath, Is.EqualTo("/run/user/1000/docker.sock"));
        Assert.That(endpoint.ToString(), Is.EqualTo("unix:///run/user/1000/docker.sock"));
    }

    [Test]
    public void Tcp_DOCKER_HOST_becomes_an_http_address()
    {
        var endpoint = DockerEndpoint.Parse("tcp://127.0.0.1:2375");

        Assert.That(endpoint.SocketPath, Is.Null);
        Assert.That(endpoint.TcpAddress, Is.EqualTo(new Uri("http://127.0.0.1:2375/")));
    }

    [TestCase("ssh://user@host")]
    [TestCase("tcp://host-without-port")]
    [TestCase("unix://")]
    public void Unsupported_DOCKER_HOST_is_refused_with_the_value_named(string dockerHost)
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Parse(dockerHost));

        Assert.That(error!.Message, Does.Contain(dockerHost));
    }
}
