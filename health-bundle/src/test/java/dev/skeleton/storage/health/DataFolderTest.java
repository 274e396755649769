package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skeleton.storage.ErrorCode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DataFolderTest {

    private static final String PROPERTY = "dev.skeleton.storage.multistore.root.path";

    private final Path work = Path.of("work").toAbsolutePath();
    private final Path storesRoot = work.resolve("real-root");
    private final FakeMultiStore stores = new FakeMultiStore(storesRoot);
    private final Function<String, String> framework = name -> PROPERTY.equals(name) ? "from-framework" : null;

    @Test
    void theParentOfAStorePathWinsOverEverySetting() {
        stores.engine("memory").store("scratch", "memory");

        DataFolder folder = DataFolder.find(bound(Map.of("root.path", "configured")), framework, work);

        assertEquals(new DataFolder(storesRoot, "the folder of the multistore's stores"), folder);
    }

    @Test
    void withoutStoresTheMultistoresConfiguredRootCounts() {
        DataFolder folder = DataFolder.find(bound(Map.of("root.path", "configured")), framework, work);

        assertEquals(new DataFolder(work.resolve("configured"), "the multistore's configuration (root.path)"), folder);
    }

    @Test
    void anAbsoluteConfiguredRootStaysAsItIs() {
        Path absolute = work.resolve("elsewhere").resolve("..").resolve("abs");

        DataFolder folder = DataFolder.find(bound(Map.of("root.path", absolute.toString())), framework, work);

        assertEquals(work.resolve("abs"), folder.path());
    }

    @Test
    void withoutConfigurationTheFrameworkPropertyCounts() {
        DataFolder folder = DataFolder.find(bound(Map.of("root.path", " ")), framework, work);

        assertEquals(new DataFolder(work.resolve("from-framework"), "framework property " + PROPERTY), folder);
    }

    @Test
    void aMultistoreThatIsNotActiveIsLookedForWhereItsSettingsSay() {
        stores.engine("memory").store("scratch", "memory").failing(ErrorCode.STORE_CLOSED);

        DataFolder folder = DataFolder.find(bound(Map.of()), framework, work);

        assertEquals(work.resolve("from-framework"), folder.path());
    }

    @Test
    void withoutMultistoreTheFrameworkPropertyThenTheBuiltInDefaultCount() {
        assertEquals(work.resolve("from-framework"), DataFolder.find(Optional.empty(), framework, work).path());

        DataFolder folder = DataFolder.find(Optional.empty(), name -> null, work);

        assertEquals(new DataFolder(work.resolve("data"), "the multistore's built-in default"), folder);
    }

    @Test
    void aValueThatIsNoPathHereIsPassedOver() {
        DataFolder folder = DataFolder.find(bound(Map.of("root.path", "bad\0path")), name -> "also\0bad", work);

        assertEquals(work.resolve("data"), folder.path());
    }

    private Optional<BoundMultiStore.Binding> bound(Map<String, Object> properties) {
        return Optional.of(new BoundMultiStore.Binding(stores.service(), properties));
    }
}
