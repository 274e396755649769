package dev.skeleton.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.reference.BrokenEngines;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Proves that the kit catches what it claims to: runs the whole {@link EngineCompliance} suite,
 * through the JUnit Platform test kit, against engines with one rule broken each (see
 * {@link BrokenEngines}), and checks that the tests written for that rule fail. Other tests may
 * fail too; these must.
 */
class KitCatchesBrokenEnginesTest {

    /** Short stress runs: the broken engines fail fast or not at all. */
    private static final String STRESS_MILLIS = "100";

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEngines")
    void kitFailsTheTestsOfTheBrokenRule(Class<? extends EngineCompliance> compliance, List<String> mustFail) {
        Set<String> failed = failedTestMethods(compliance);

        assertTrue(failed.containsAll(mustFail), () -> compliance.getSimpleName() + ": expected failures "
                + mustFail + " but the failed tests were " + failed);
    }

    static Stream<Arguments> brokenEngines() {
        return Stream.of(
                arguments(NoCopyOnSet.class, List.of("setCopiesKeyAndValue")),
                arguments(NoCopyOnGet.class, List.of("getReturnsACopy", "visitorReceivesCopies",
                        "rangeVisitorReceivesCopies", "transactionCopiesArrays")),
                arguments(SignedKeyOrder.class, List.of("iterateVisitsInUnsignedKeyOrder",
                        "iterateSortsManyRandomKeys", "rangeBoundsCompareUnsigned",
                        "transactionIteratesItsWritesInUnsignedOrder")),
                arguments(UsableAfterClose.class, List.of("dataOperationAfterCloseIsStoreClosed",
                        "versionOperationAfterCloseIsStoreClosed", "iterateRangeAfterCloseIsStoreClosed",
                        "beginAfterStoreCloseIsStoreClosed", "closeUnderLoadGivesOnlyStoreClosed",
                        "readVersionAfterCloseIsStoreClosed")),
                arguments(CloseNotIdempotent.class, List.of("closeIsIdempotent")),
                arguments(DeleteOfMissingKeyFails.class, List.of("deleteIsIdempotent")),
                arguments(NoConflictDetection.class, List.of("readKeyChangedByStoreWriteConflicts",
                        "readKeyChangedByOtherCommitConflicts", "keyProbedWithHasConflicts",
                        "missingKeyProbedThenInsertedConflicts", "missingKeyGotThenInsertedConflicts",
                        "writtenKeyChangedByOtherCommitConflicts", "deletedKeyChangedByStoreWriteConflicts",
                        "writeOfTheSameValueStillConflicts", "keyInsertedIntoIteratedStoreConflicts",
                        "readWriteTransactionWithoutWritesIsValidated", "conflictEndsTheTransaction",
                        "keyInsertedIntoReadRangeConflicts",
                        "loadVersionConflictsWithTransactionThatReadAChangedKey")),
                arguments(ConflictsOnDisjointKeys.class, List.of("changesToDisjointKeysDoNotConflict",
                        "keyInsertedOutsideReadRangeDoesNotConflict", "loadVersionDoesNotConflictOnUnchangedKeys")),
                arguments(ReusesVersionNumbers.class, List.of("saveAfterLoadTakesTheNextNumber",
                        "numbersAreNotReusedAfterPruning")),
                arguments(KeepsOneVersionTooFew.class, List.of("retentionKeepsTheNewestSaves",
                        "retentionKeepsEveryKeptVersionIntact", "retentionMakesOlderVersionsNotFound",
                        "retentionNeverBreaksAKeptVersionOverManySaves", "retentionPrunesByNumberAfterALoad",
                        "maxVersionsKeepsTheNewest")),
                arguments(KeepsOneVersionTooMany.class, List.of("retentionKeepsTheNewestSaves",
                        "retentionMakesOlderVersionsNotFound", "retentionNeverBreaksAKeptVersionOverManySaves",
                        "retentionPrunesByNumberAfterALoad", "maxVersionsKeepsTheNewest",
                        "loadOfPrunedVersionIsVersionNotFound")),
                arguments(FailsOnTheSecondSaveUnderOneVersion.class, List.of("retentionKeepsTheNewestSaves",
                        "retentionKeepsEveryKeptVersionIntact", "retentionMakesOlderVersionsNotFound",
                        "retentionNeverBreaksAKeptVersionOverManySaves", "retentionPrunesByNumberAfterALoad",
                        "versionsAreNumberedFromOne", "saveAfterLoadTakesTheNextNumber")),
                arguments(PruningLosesWhatAKeptVersionShared.class, List.of("retentionKeepsEveryKeptVersionIntact",
                        "retentionNeverBreaksAKeptVersionOverManySaves", "retentionPrunesByNumberAfterALoad")),
                arguments(RelistsPrunedVersionsAfterReopen.class, List.of("retentionSurvivesReopen")),
                arguments(RangeEndInclusive.class, List.of("rangeVisitsTheHalfOpenInterval",
                        "rangeBoundsCompareUnsigned", "rangeStopsWhenVisitorReturnsFalse",
                        "transactionRangeShowsItsMergedView")),
                arguments(NullKeyThrowsNullPointerException.class, List.of("nullArgumentIsInvalidArgument",
                        "nullKeyOnClosedStoreIsInvalidArgument")),
                arguments(IterateHoldsTheLock.class, List.of("storeIsNotLockedWhileVisitorRuns")),
                arguments(UnframedHash.class, List.of("hashFramesKeysAndValuesByLength",
                        "savedHashMatchesTheReference", "hashOfFixedContentIsTheKnownAnswer",
                        "readOnlyHashOfFixedContentIsTheKnownAnswer")),
                arguments(AcceptsUnknownConfigKeys.class, List.of("unknownConfigKeyIsInvalidConfig")),
                arguments(KeyLimitIgnored.class, List.of("keyAboveTheEnginesLimitIsInvalidArgument")),
                arguments(VersionReadSeesLiveData.class, List.of("versionReadIsUnchangedByLaterChanges",
                        "readVersionLeavesTheStoreAsItIs", "eachVersionReadShowsItsOwnVersion",
                        "versionReadIteratesRangesBothWays",
                        "versionReadRefusesWritesAndCommits", "versionReadOfMissingKeyIsKeyNotFound",
                        "readVersionFollowsRetention", "readVersionOfPrunedVersionIsVersionNotFound")),
                arguments(VersionReadLoadsTheVersion.class, List.of("readVersionLeavesTheStoreAsItIs",
                        "eachVersionReadShowsItsOwnVersion", "versionReadIsUnchangedByLaterChanges")),
                arguments(VersionReadOfPrunedVersions.class, List.of("readVersionOfPrunedVersionIsVersionNotFound",
                        "readVersionFollowsRetention")),
                arguments(VersionReadIsWritable.class, List.of("versionReadRefusesWritesAndCommits")),
                arguments(VersionReadOutlivesTheStore.class, List.of("versionReadAfterStoreCloseIsStoreClosed",
                        "versionReadRangeAfterStoreCloseIsStoreClosed")),
                arguments(ContentHashOfTheLiveData.class, List.of("readOnlyHashIsOfTheSnapshotNotOfLaterChanges",
                        "versionReadTellsTheHashItWasSavedWith")),
                arguments(ContentHashOutlivesTheTransaction.class, List.of("contentHashAfterStoreCloseIsStoreClosed",
                        "contentHashOfAnEndedTransactionIsTxNotActive")));
    }

    private static Set<String> failedTestMethods(Class<?> compliance) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(compliance))
                .configurationParameter(StoreFixtureExtension.STRESS_MILLIS, STRESS_MILLIS)
                .execute()
                .testEvents()
                .failed()
                .stream()
                .map(KitCatchesBrokenEnginesTest::methodName)
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Optional<String> methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName());
    }

    // One binding per broken engine. Their names do not end in Test, so only this class runs them.

    static class NoCopyOnSet implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.noCopyOnSet();
        }
    }

    static class NoCopyOnGet implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.noCopyOnGet();
        }
    }

    static class SignedKeyOrder implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.signedKeyOrder();
        }
    }

    static class UsableAfterClose implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.usableAfterClose();
        }
    }

    static class CloseNotIdempotent implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.closeNotIdempotent();
        }
    }

    static class DeleteOfMissingKeyFails implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.deleteOfMissingKeyFails();
        }
    }

    static class NoConflictDetection implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.noConflictDetection();
        }
    }

    static class ConflictsOnDisjointKeys implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.conflictsOnDisjointKeys();
        }
    }

    static class ReusesVersionNumbers implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.reusesVersionNumbers();
        }
    }

    static class KeepsOneVersionTooFew implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.keepsOneVersionTooFew();
        }
    }

    static class KeepsOneVersionTooMany implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.keepsOneVersionTooMany();
        }
    }

    static class FailsOnTheSecondSaveUnderOneVersion implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.failsOnTheSecondSaveUnderOneVersion();
        }
    }

    static class PruningLosesWhatAKeptVersionShared implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.pruningLosesWhatAKeptVersionShared();
        }
    }

    static class RelistsPrunedVersionsAfterReopen implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.relistsPrunedVersionsAfterReopen();
        }
    }

    static class KeyLimitIgnored implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.keyLimitIgnored();
        }

        @Override
        public int maxKeyLength() {
            return BrokenEngines.KEY_LIMIT;
        }
    }

    static class RangeEndInclusive implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.rangeEndInclusive();
        }
    }

    static class NullKeyThrowsNullPointerException implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.nullKeyThrowsNullPointerException();
        }
    }

    static class IterateHoldsTheLock implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.iterateHoldsTheLock();
        }
    }

    static class UnframedHash implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.unframedHash();
        }
    }

    static class AcceptsUnknownConfigKeys implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.acceptsUnknownConfigKeys();
        }
    }

    static class VersionReadSeesLiveData implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.versionReadSeesLiveData();
        }
    }

    static class VersionReadLoadsTheVersion implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.versionReadLoadsTheVersion();
        }
    }

    static class VersionReadOfPrunedVersions implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.versionReadOfPrunedVersions();
        }
    }

    static class VersionReadIsWritable implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.versionReadIsWritable();
        }
    }

    static class VersionReadOutlivesTheStore implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.versionReadOutlivesTheStore();
        }
    }

    static class ContentHashOfTheLiveData implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.contentHashOfTheLiveData();
        }
    }

    static class ContentHashOutlivesTheTransaction implements EngineCompliance {
        @Override
        public Engine engine() {
            return BrokenEngines.contentHashOutlivesTheTransaction();
        }
    }
}
