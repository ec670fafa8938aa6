using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Kiln.Tools.Host;

// Linked into Build.Tests as well, so the namespace names neither test project.
namespace Kiln.Tests.Support;

/// <summary>
/// A real HTTP cache for the remote tools cache tests: nginx running the repository's own server configuration
/// (<see cref="ShippedConfiguration"/>, the file the README tells teams to run) on 127.0.0.1 and a free port, with
/// its cache directory in a temporary directory. Only the file's placeholders are filled in; the main config around
/// it plays the part of Debian's nginx.conf with every path in that directory, so it runs unprivileged too. nginx
/// runs as a single foreground process, so the process started here is the whole server and killing it by PID stops it.
/// </summary>
internal sealed partial class NginxCacheServer : IDisposable
{
    /// <summary>The path the shipped configuration serves the cache under.</summary>
    private const string Prefix = "kiln";

    /// <summary>A path no test uses, requested and logged like any other: see <see cref="RequestsAsync"/>.</summary>
    private const string Barrier = "/.barrier/";

    /// <summary>The shipped file, copied next to the test assembly by the test projects.</summary>
    private static readonly string ShippedConfiguration = Path.Combine(AppContext.BaseDirectory, "server", "nginx-remote-cache.conf");

    /// <summary>How long nginx may take to answer on its port after starting, or to log a request after answering it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Process _nginx;
    private readonly string _directory;
    private readonly Uri _origin;

    private NginxCacheServer(Process nginx, string directory, int port)
    {
        _nginx = nginx;
        _directory = directory;
        _origin = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The cache's base URL, without a trailing slash: entries live at <c>{Url}/ac/{key}</c> and <c>{Url}/cas/{sha256}</c>.</summary>
    public string Url => $"{_origin.AbsoluteUri}{Prefix}";

    /// <summary>The directory holding <c>ac/</c> and <c>cas/</c> exactly as nginx stores what it is sent.</summary>
    public string Root => Path.Combine(CacheDirectory(_directory), "store");

    /// <summary>
    /// Starts nginx and returns once its port answers. With a <paramref name="token"/>, a request without
    /// <c>Authorization: Bearer {token}</c> is answered 401, one with another token 403; with a
    /// <paramref name="readToken"/> too, that one may GET and HEAD, and anything else it sends is 403.
    /// </summary>
    public static NginxCacheServer Start(string? token = null, string? readToken = null)
    {
        // The tokens are written into nginx's config, so they may only hold the characters RFC 6750 allows in one.
        if (token is not null && !BearerToken().IsMatch(token))
            throw new ArgumentException("A bearer token holds letters, digits and -._~+/ with trailing '=' only", nameof(token));
        if (readToken is not null && !BearerToken().IsMatch(readToken))
            throw new ArgumentException("A bearer token holds letters, digits and -._~+/ with trailing '=' only", nameof(readToken));

        var nginx = ResolvedCommand.Find("nginx", $"{Environment.GetEnvironmentVariable("PATH")}:/usr/local/sbin:/usr/sbin:/sbin")
            ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx); ./build.sh Test installs it");
        var directory = Directory.CreateTempSubdirectory("kiln-nginx-").FullName;
        var port = FreePort();
        // As the shipped file's instructions say: the store exists, owned by nginx's user (here, us).
        Directory.CreateDirectory(Path.Combine(CacheDirectory(directory), "store"));
        var site = Path.Combine(directory, "kiln-remote-cache.conf");
        File.WriteAllText(site, Filled(File.ReadAllText(ShippedConfiguration), new Dictionary<string, string>
        {
            ["@LISTEN@"] = $"127.0.0.1:{port}",
            ["@CACHE_DIR@"] = CacheDirectory(directory),
            ["@TOKEN@"] = token ?? "",
            ["@READ_TOKEN@"] = readToken ?? "",
        }));
        var config = Path.Combine(directory, "nginx.conf");
        File.WriteAllText(config, MainConfig(directory, site));

        // -e: otherwise nginx first opens its compiled-in error log under /var/log, before it reads the config.
        var process = Process.Start(nginx.Path, ["-c", config, "-e", Path.Combine(directory, "error.log")]);
        var server = new NginxCacheServer(process, directory, port);
        try
        {
            server.WaitUntilAnswering(port);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every request nginx has answered so far, in order. nginx writes a request's log line just after sending its
    /// response, so a client can see the response before the line exists: this first sends a barrier request and
    /// waits for its line. nginx handles requests one at a time, so every request answered before is logged by then.
    /// </summary>
    public async Task<IReadOnlyList<LoggedRequest>> RequestsAsync(CancellationToken cancellationToken = default)
    {
        var marker = Barrier + Guid.NewGuid().ToString("N");
        // Its status does not matter (404, or 401 with a token): only that nginx logged it.
        using (var client = new HttpClient())
            (await client.GetAsync(new Uri(_origin, marker), cancellationToken)).Dispose();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Patience);
        while (true)
        {
            var requests = ReadAccessLog();
            if (requests.Any(r => r.Path == marker))
                return requests.Where(r => !r.Path.StartsWith(Barrier, StringComparison.Ordinal)).ToList();
            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"nginx did not log the request for {marker} within {Patience.TotalSeconds} s:\n{ErrorLog()}");
            }
        }
    }

    public void Dispose()
    {
        _nginx.Kill();
        _nginx.WaitForExit();
        _nginx.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One access log line: the method, the decoded path and the status nginx answered.</summary>
    public sealed record LoggedRequest(string Method, string Path, int Status);

    /// <summary><paramref name="text"/> with every placeholder filled; a placeholder the fixture does not know fails the test run.</summary>
    private static string Filled(string text, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (placeholder, value) in values)
        {
            if (!text.Contains(placeholder, StringComparison.Ordinal))
                throw new InvalidOperationException($"{ShippedConfiguration} has no placeholder {placeholder} any more");
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return Placeholder().Match(text) is { Success: true } left
            ? throw new InvalidOperationException($"{ShippedConfiguration} has a placeholder the tests do not fill: {left.Value}")
            : text;
    }

    /// <summary>
    /// What Debian's nginx.conf gives a conf.d file, with every path in <paramref name="directory"/>: nginx creates its
    /// temp directories at start, and the compiled-in ones are under /var/lib/nginx. Log level info: the error log then
    /// also says why nginx dropped a client's connection.
    /// </summary>
    private static string MainConfig(string directory, string site) => $$"""
        daemon off;
        master_process off;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log info;
        events { worker_connections 64; }
        http {
          log_format kiln '$status $request_method $uri';
          access_log {{directory}}/access.log kiln;
          client_body_temp_path {{directory}}/client_body;
          proxy_temp_path {{directory}}/proxy;
          fastcgi_temp_path {{directory}}/fastcgi;
          uwsgi_temp_path {{directory}}/uwsgi;
          scgi_temp_path {{directory}}/scgi;
          default_type application/octet-stream;
          include {{site}};
        }
        """;

    private List<LoggedRequest> ReadAccessLog()
    {
        var log = Path.Combine(_directory, "access.log");
        if (!File.Exists(log))
            return [];
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        // The status and method come first: a decoded path may hold spaces.
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .Select(fields => new LoggedRequest(fields[1], fields[2], int.Parse(fields[0], CultureInfo.InvariantCulture)))
            .ToList();
    }

    private void WaitUntilAnswering(int port)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (_nginx.HasExited)
                throw new InvalidOperationException($"nginx exited with code {_nginx.ExitCode} on start:\n{ErrorLog()}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (stopwatch.Elapsed < Patience)
            {
                Thread.Sleep(20);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"nginx did not answer on port {port} within {Patience.TotalSeconds} s:\n{ErrorLog()}");
            }
        }
    }

    /// <summary>A port the kernel just handed out and nobody listens on; nginx binds it right after.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string CacheDirectory(string directory) => Path.Combine(directory, "cache");

    private string ErrorLog()
    {
        var log = Path.Combine(_directory, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(nginx wrote no error log)";
    }

    [GeneratedRegex("^[A-Za-z0-9._~+/-]+=*$")]
    private static partial Regex BearerToken();

    [GeneratedRegex("@[A-Z_]+@")]
    private static partial Regex Placeholder();
}
