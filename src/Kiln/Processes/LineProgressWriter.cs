using System.Text;

namespace Kiln.Processes;

/// <summary>Turns the lines a process prints into progress reports, e.g. for a console that prefixes each one.</summary>
internal sealed class LineProgressWriter(IProgress<string> progress) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
            WriteLine(Take());
        else if (value != '\r')
            _line.Append(value);
    }

    public override void WriteLine(string? value) => progress.Report(Take() + value);

    private string Take()
    {
        var text = _line.ToString();
        _line.Clear();
        return text;
    }
}
