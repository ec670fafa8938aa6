using System.Text;
using System.Xml;
using Kiln.Targets.Parameters;

namespace Kiln.Targets.Configuration;

internal static partial class IdeConfigurationGenerator
{
    /// <summary>
    /// Appended to a target's name for its .NET configuration. The file is named after the configuration, as Rider names
    /// the files it stores, and <c>Dist (debug).run.xml</c> sorts next to <c>Dist.run.xml</c>.
    /// </summary>
    private const string RiderDebugSuffix = " (debug)";

    /// <summary>A Rider shell-script configuration running <c>./build.sh &lt;Target&gt;</c> from the project directory.</summary>
    private static GeneratedFile RiderShellConfiguration(TargetModel target) => RiderConfiguration(target.Name, "ShConfigurationType", factoryName: null, xml =>
    {
        Option(xml, "SCRIPT_TEXT", "");
        Option(xml, "INDEPENDENT_SCRIPT_PATH", "true");
        Option(xml, "SCRIPT_PATH", "$PROJECT_DIR$/build.sh");
        Option(xml, "SCRIPT_OPTIONS", target.Name);
        Option(xml, "INDEPENDENT_SCRIPT_WORKING_DIRECTORY", "true");
        Option(xml, "SCRIPT_WORKING_DIRECTORY", "$PROJECT_DIR$");
        Option(xml, "INDEPENDENT_INTERPRETER_PATH", "true");
        Option(xml, "INTERPRETER_PATH", "/bin/bash");
        Option(xml, "INTERPRETER_OPTIONS", "");
        Option(xml, "EXECUTE_IN_TERMINAL", "true");
        Option(xml, "EXECUTE_SCRIPT_FILE", "true");
        xml.WriteStartElement("envs");
        xml.WriteEndElement();
        xml.WriteStartElement("method");
        xml.WriteAttributeString("v", "2");
        xml.WriteEndElement();
    });

    /// <summary>
    /// A Rider .NET project configuration: Rider builds the build project, then runs or debugs it with the target as its
    /// argument, from the project directory. Rider finds the built program itself (PROJECT_EXE_PATH_TRACKING), but the
    /// arguments and working directory are ours, so their tracking is off.
    /// </summary>
    private static GeneratedFile RiderDotNetConfiguration(BuildModel model, TargetModel target) =>
        RiderConfiguration(target.Name + RiderDebugSuffix, "DotNetProject", ".NET Project", xml =>
        {
            Option(xml, "PROGRAM_PARAMETERS", target.Name);
            Option(xml, "WORKING_DIRECTORY", "$PROJECT_DIR$");
            Option(xml, "PASS_PARENT_ENVS", "1");
            Option(xml, "USE_EXTERNAL_CONSOLE", "0");
            Option(xml, "USE_MONO", "0");
            Option(xml, "RUNTIME_ARGUMENTS", "");
            Option(xml, "PROJECT_PATH", $"$PROJECT_DIR$/{model.BuildProjectFile}");
            Option(xml, "PROJECT_EXE_PATH_TRACKING", "1");
            Option(xml, "PROJECT_ARGUMENTS_TRACKING", "0");
            Option(xml, "PROJECT_WORKING_DIRECTORY_TRACKING", "0");
            Option(xml, "PROJECT_KIND", "DotNetCore");
            // As build.sh does: an inherited value naming another checkout would otherwise win over the working directory.
            xml.WriteStartElement("envs");
            xml.WriteStartElement("env");
            xml.WriteAttributeString("name", RootDirectoryVariable.Name);
            xml.WriteAttributeString("value", "$PROJECT_DIR$");
            xml.WriteEndElement();
            xml.WriteEndElement();
            // Before launch: build the project, so a run or a debug session starts from what was just edited.
            xml.WriteStartElement("method");
            xml.WriteAttributeString("v", "2");
            xml.WriteStartElement("option");
            xml.WriteAttributeString("name", "Build");
            xml.WriteEndElement();
            xml.WriteEndElement();
        });

    /// <summary>One configuration in its own file, named after it, as Rider stores a shared configuration.</summary>
    private static GeneratedFile RiderConfiguration(string name, string type, string? factoryName, Action<XmlWriter> writeSettings)
    {
        var text = new StringWriter { NewLine = "\n" };
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        using (var xml = XmlWriter.Create(text, settings))
        {
            // Not "--generate-configuration": a double hyphen is not allowed inside an XML comment.
            xml.WriteComment($" {GeneratedFileMarker.Text} from the build's targets. Do not edit: every ./build.sh run regenerates it. ");
            xml.WriteStartElement("component");
            xml.WriteAttributeString("name", "ProjectRunConfigurationManager");
            xml.WriteStartElement("configuration");
            xml.WriteAttributeString("default", "false");
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("type", type);
            if (factoryName is not null)
                xml.WriteAttributeString("factoryName", factoryName);
            writeSettings(xml);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return new GeneratedFile($"{RunConfigurationDirectory}/{name}{RunConfigurationSuffix}", text.ToString() + "\n");
    }

    private static void Option(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("option");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }
}
