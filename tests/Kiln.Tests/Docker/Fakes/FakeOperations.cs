using System.Reflection;

namespace Kiln.Tests.Docker.Fakes;

/// <summary>
/// An implementation of one of Docker.DotNet's operation interfaces in which only the named methods do something;
/// any other call fails the test, so a test shows exactly which daemon calls the code under test makes.
/// </summary>
public class FakeOperations : DispatchProxy
{
    private Dictionary<string, Func<object?[], object?>> handlers = [];

    internal List<string> Calls { get; } = [];

    internal static T Create<T>(Dictionary<string, Func<object?[], object?>> handlers) where T : class
    {
        var fake = DispatchProxy.Create<T, FakeOperations>();
        ((FakeOperations)(object)fake).handlers = handlers;
        return fake;
    }

    internal static FakeOperations Of(object fake) => (FakeOperations)fake;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var name = targetMethod!.Name;
        Calls.Add(name);
        return handlers.TryGetValue(name, out var handler)
            ? handler(args ?? [])
            : throw new AssertionException($"unexpected call to {targetMethod.DeclaringType!.Name}.{name}");
    }
}
