// sysreport reads /proc and /sys and runs Linux tools; its tests build fake installs with Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
