using System.Text;

namespace Kiln.Tests.Pipeline;

/// <summary>
/// Keeps what is written, as a StringWriter does, and tells when a given text has appeared in it, so a test waits for
/// the output it needs instead of sleeping. Writes come from the writer's thread while the test reads: a lock guards the text.
/// </summary>
internal sealed class SignallingWriter : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();
    private readonly List<(string Text, TaskCompletionSource Written)> _waiting = [];

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Completes once <paramref name="text"/> has been written, at once if it already has.</summary>
    public Task WhenWritten(string text)
    {
        lock (_lock)
        {
            if (_text.ToString().Contains(text, StringComparison.Ordinal))
                return Task.CompletedTask;
            // Asynchronous continuations: the waiting test must not run on the writer's thread, inside its write.
            var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((text, written));
            return written.Task;
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? "");

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override string ToString()
    {
        lock (_lock)
            return _text.ToString();
    }

    private void Append(string value)
    {
        lock (_lock)
        {
            _text.Append(value);
            var text = _text.ToString();
            foreach (var wait in _waiting.Where(wait => text.Contains(wait.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Written.SetResult();
                _waiting.Remove(wait);
            }
        }
    }
}
