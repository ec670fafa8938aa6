using System.Text;
using System.Xml;

namespace Kiln.Targets.Configuration;

internal static partial class IdeConfigurationGenerator
{
    /// <summary>A Rider shell-script configuration running <c>./build.sh &lt;Target&gt;</c> from the project directory.</summary>
    private static string RiderRunConfiguration(TargetModel target)
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
            xml.WriteAttributeString("name", target.Name);
            xml.WriteAttributeString("type", "ShConfigurationType");
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
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return text.ToString() + "\n";
    }

    private static void Option(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("option");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }
}
