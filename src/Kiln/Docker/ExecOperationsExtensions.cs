using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Kiln.Docker;

/// <summary>Runs a command in a running container to completion, the way <c>docker exec</c> does.</summary>
internal static class ExecOperationsExtensions
{
    /// <summary>Create, start attached, copy stdout and stderr apart, inspect: returns the command's exit code.</summary>
    internal static async Task<long> RunAsync(
        this IExecOperations exec,
        string containerId,
        ContainerExecCreateParameters parameters,
        Stream stdout,
        Stream stderr,
        CancellationToken cancellationToken)
    {
        parameters.AttachStdout = true;
        parameters.AttachStderr = true;
        var created = await exec.CreateContainerExecAsync(containerId, parameters, cancellationToken);
        using (var output = await exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), cancellationToken))
        // The library's reads do not all observe the token; closing the connection ends a cancelled step at once.
        await using (cancellationToken.Register(output.Dispose))
        {
            try
            {
                await output.CopyOutputToAsync(Stream.Null, stdout, stderr, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        await stdout.FlushAsync(cancellationToken);
        await stderr.FlushAsync(cancellationToken);
        var inspection = await exec.InspectContainerExecAsync(created.ID, cancellationToken);
        return inspection.Running
            ? throw new DockerApiException(HttpStatusCode.OK, $"exec {created.ID} output ended while it still runs")
            : inspection.ExitCode ?? throw new DockerApiException(HttpStatusCode.OK, $"exec {created.ID} reported no exit code");
    }
}
