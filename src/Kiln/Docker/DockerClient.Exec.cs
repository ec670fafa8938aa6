using System.Net;

namespace Kiln.Docker;

internal sealed partial class DockerClient
{
    internal sealed class ExecOperations(DockerClient client)
    {
        /// <summary>Prepares a command in a running container and returns the exec id.</summary>
        internal async Task<string> CreateAsync(string containerId, ExecSpec spec, CancellationToken cancellationToken)
        {
            var body = new CreateExecBody(
                AttachStdout: true,
                AttachStderr: true,
                spec.Cmd,
                spec.Env.Select(variable => variable.Key + "=" + variable.Value).ToList(),
                spec.WorkingDir,
                spec.User);
            var created = await client.SendForJsonAsync<CreatedExec>(
                HttpMethod.Post,
                $"containers/{Uri.EscapeDataString(containerId)}/exec",
                body,
                NotFoundMeaning.Container,
                cancellationToken);
            return created.Id;
        }

        /// <summary>Starts the command attached and copies its stdout and stderr apart until it exits.</summary>
        internal async Task StartAsync(string execId, Stream stdout, Stream stderr, CancellationToken cancellationToken)
        {
            using var response = await client.SendAsync(
                HttpMethod.Post,
                $"exec/{Uri.EscapeDataString(execId)}/start",
                ToJsonContent(new StartExecBody(Detach: false, Tty: false)),
                NotFoundMeaning.Nothing,
                cancellationToken);
            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            await MultiplexedStream.DemultiplexAsync(source, stdout, stderr, cancellationToken);
        }

        internal Task<ExecInspection> InspectAsync(string execId, CancellationToken cancellationToken) =>
            client.SendForJsonAsync<ExecInspection>(
                HttpMethod.Get, $"exec/{Uri.EscapeDataString(execId)}/json", null, NotFoundMeaning.Nothing, cancellationToken);

        /// <summary>Create, start attached, inspect: runs a command to completion and returns its exit code.</summary>
        internal async Task<long> RunAsync(
            string containerId, ExecSpec spec, Stream stdout, Stream stderr, CancellationToken cancellationToken)
        {
            var execId = await CreateAsync(containerId, spec, cancellationToken);
            await StartAsync(execId, stdout, stderr, cancellationToken);
            var inspection = await InspectAsync(execId, cancellationToken);
            return inspection.Running
                ? throw new DockerApiException(HttpStatusCode.OK, $"exec {execId} output ended while it still runs")
                : inspection.ExitCode ?? throw new DockerApiException(HttpStatusCode.OK, $"exec {execId} reported no exit code");
        }

        private sealed record CreateExecBody(
            bool AttachStdout,
            bool AttachStderr,
            IReadOnlyList<string> Cmd,
            IReadOnlyList<string> Env,
            string? WorkingDir,
            string? User);

        private sealed record StartExecBody(bool Detach, bool Tty);

        private sealed record CreatedExec(string Id);
    }
}
