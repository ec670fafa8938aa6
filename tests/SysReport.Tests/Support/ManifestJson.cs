namespace SysReport.Tests.Support;

internal static class ManifestJson
{
    public const string TwoTools =
        """
        {
          "version": "1.2.3",
          "commit": "0123456789abcdef0123456789abcdef01234567",
          "date": "2026-11-20",
          "arch": "x86_64",
          "tools": [
            { "name": "fio", "version": "3.33-3", "sourcePackage": "fio", "licence": "GPL-2.0-only", "binaries": ["fio"] },
            { "name": "pciutils", "version": "1:3.9.0-4", "sourcePackage": "pciutils", "licence": "GPL-2.0-or-later", "binaries": ["lspci", "setpci"] }
          ]
        }
        """;

    public const string ToolAndPciIds =
        """
        {
          "version": "1.2.3",
          "commit": "0123456789abcdef0123456789abcdef01234567",
          "date": "2026-11-20",
          "arch": "x86_64",
          "tools": [
            { "name": "pciutils", "version": "1:3.9.0-4", "sourcePackage": "pciutils", "licence": "GPL-2.0-or-later", "binaries": ["lspci"] }
          ],
          "data": [
            { "name": "pci.ids", "version": "0.0~2023.04.11-1", "sourcePackage": "pci.ids", "licence": "GPL-2.0-or-later OR BSD-3-Clause", "file": "pci.ids" }
          ]
        }
        """;
}
