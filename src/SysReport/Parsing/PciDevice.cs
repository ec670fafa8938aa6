namespace SysReport.Parsing;

internal sealed record PciDevice(string Slot, string Class, string Vendor, string Device);
