using FastKube.Storage.Memory;
using FastKube.Storage.Tests.Conformance;

namespace FastKube.Storage.Tests.Memory;

public sealed class InMemoryStoreConformanceTests : StoreConformanceTests
{
    protected override IStore CreateStore(int watchCapacity) => new InMemoryStore(watchCapacity);
}
