using Kiln.Caching.Remote;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Caching.Remote;

public sealed class RemoteCacheOptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void A_blank_url_means_no_remote_cache(string? url)
    {
        var options = RemoteCacheOptions.Create(url, RemoteCacheMode.ReadWrite, BuildParameters.RemoteCache, NoEnvironment);

        Assert.That(options, Is.Null);
    }

    [Test]
    public void The_base_url_keeps_its_path_so_entries_resolve_under_it()
    {
        var options = RemoteCacheOptions.Create("http://127.0.0.1:8080/team/kiln", RemoteCacheMode.Read, BuildParameters.RemoteCache, NoEnvironment)!;

        Assert.That(new Uri(options.Url, "ac/abc").AbsoluteUri, Is.EqualTo("http://127.0.0.1:8080/team/kiln/ac/abc"));
        Assert.That(options.ToString(), Is.EqualTo("http://127.0.0.1:8080/team/kiln"));
        Assert.That(options.CanWrite, Is.False);
    }

    [Test]
    public void A_url_with_credentials_is_refused_pointing_at_the_token_variable_without_echoing_them()
    {
        var error = Assert.Throws<BuildException>(() => RemoteCacheOptions.Create("https://user:hunter2@cache.invalid/kiln", RemoteCacheMode.Read, BuildParameters.RemoteCache, NoEnvironment));

        Assert.That(error!.Message, Does.Contain(BuildParameters.RemoteCache.TokenVariable).And.Not.Contain("hunter2"));
    }

    [TestCase("ftp://cache.invalid/kiln")]
    [TestCase("cache.invalid/kiln")]
    [TestCase("https://cache.invalid/kiln?token=1")]
    public void A_url_that_is_not_a_plain_http_base_is_refused_naming_the_parameter(string url)
    {
        var error = Assert.Throws<BuildException>(() => RemoteCacheOptions.Create(url, RemoteCacheMode.Read, BuildParameters.RemoteCache, NoEnvironment));

        Assert.That(error!.Message, Does.StartWith("--remote-cache (KILN_REMOTE_CACHE)"));
    }

    [Test]
    [TestCase("t0ken", "t0ken")]
    [TestCase(" ", null)]
    public void The_token_comes_from_the_environment_and_a_blank_one_counts_as_unset(string value, string? token)
    {
        var environment = new Dictionary<string, string?> { [BuildParameters.RemoteCache.TokenVariable] = value };

        var options = RemoteCacheOptions.Create("http://127.0.0.1:1/", RemoteCacheMode.ReadWrite, BuildParameters.RemoteCache, name => environment.GetValueOrDefault(name))!;

        Assert.That(options.Token, Is.EqualTo(token));
    }

    [TestCase(false, "wr1te", "r3ad", "r3ad", "KILN_REMOTE_CACHE_READ_TOKEN")]
    [TestCase(true, "wr1te", "r3ad", "wr1te", "KILN_REMOTE_CACHE_TOKEN")]
    [TestCase(false, "wr1te", null, "wr1te", "KILN_REMOTE_CACHE_TOKEN")]
    [TestCase(true, null, "r3ad", "r3ad", "KILN_REMOTE_CACHE_READ_TOKEN")]
    public void A_read_only_build_sends_the_read_token_and_a_writing_one_the_write_token_or_whichever_it_has(
        bool writes, string? token, string? readToken, string sent, string variable)
    {
        var mode = writes ? RemoteCacheMode.ReadWrite : RemoteCacheMode.Read;
        var environment = new Dictionary<string, string?> { [BuildParameters.RemoteCache.TokenVariable] = token, [BuildParameters.RemoteCache.ReadTokenVariable] = readToken };

        var options = RemoteCacheOptions.Create("http://127.0.0.1:1/", mode, BuildParameters.RemoteCache, name => environment.GetValueOrDefault(name))!;

        Assert.That(options.Credential, Is.EqualTo((sent, variable)));
    }

    [Test]
    public void Without_either_token_requests_carry_none()
    {
        var options = RemoteCacheOptions.Create("http://127.0.0.1:1/", RemoteCacheMode.Read, BuildParameters.RemoteCache, NoEnvironment)!;

        Assert.That(options.Credential, Is.Null);
    }
}
