using Kiln.DotNet;
using Kiln.Targets;

namespace Kiln.Components;

/// <summary>What every component of this library reads from the checkout: its paths and the .NET command line.</summary>
internal interface ICheckout : IKilnBuild
{
    /// <summary>Every path of the checkout; a build whose files live elsewhere implements it again.</summary>
    CheckoutLayout Layout => new(RootDirectory);

    DotNetCli DotNet => new(RootDirectory, Log);
}
