package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;

import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.junit.jupiter.api.Test;

class JobBudgetsTest {
    private static final HostPartitioner PARTITIONER = new HostPartitioner(3);
    private static final String JOB = "lab-budget";
    private final int keeper = JobBudgets.keeperOf(JOB, PARTITIONER);

    @Test
    void grantsNeverExceedTheBudgetAndRequestsAreIdempotent() {
        JobBudgets budgets = new JobBudgets(keeper, PARTITIONER);
        assertThat(budgets.request(JOB, 0, 3, 5)).isEqualTo(new JournalEvent.BudgetGranted(JOB, 0, 3, false));
        assertThat(budgets.request(JOB, 0, 3, 5)).as("asked again (the grant was missed): the same total, nothing more")
                .isEqualTo(new JournalEvent.BudgetGranted(JOB, 0, 3, false));
        assertThat(budgets.request(JOB, 1, 4, 5)).as("only what is left").isEqualTo(new JournalEvent.BudgetGranted(JOB, 1, 2, true));
        assertThat(budgets.request(JOB, 2, 1, 5)).as("spent: says so, grants nothing")
                .isEqualTo(new JournalEvent.BudgetGranted(JOB, 2, 0, true));
        assertThat(budgets.request(JOB, 0, 9, 5)).isEqualTo(new JournalEvent.BudgetGranted(JOB, 0, 3, true));
    }

    @Test
    void aNewOwnerRebuildsWhatWasGrantedFromTheJournal() throws Exception {
        JobBudgets before = new JobBudgets(keeper, PARTITIONER);
        JournalEvent.BudgetGranted first = before.request(JOB, 0, 3, 5);
        JournalEvent.BudgetGranted second = before.request(JOB, 1, 1, 5);

        JobBudgets after = new JobBudgets(keeper, PARTITIONER);
        after.restore((JournalEvent.BudgetGranted) JournalCodec.decode(JournalCodec.encode(first)));
        after.restore((JournalEvent.BudgetGranted) JournalCodec.decode(JournalCodec.encode(second)));
        after.restore(new JournalEvent.BudgetGranted("another-job-kept-elsewhere", 0, 99, false));
        assertThat(after.request(JOB, 2, 5, 5)).isEqualTo(new JournalEvent.BudgetGranted(JOB, 2, 1, true));
    }

    @Test
    void budgetRecordsRoundTripAndRefuseImpossiblePartitions() throws Exception {
        JournalEvent.BudgetRequested request = new JournalEvent.BudgetRequested(JOB, 2, 17);
        assertThat(JournalCodec.decode(JournalCodec.encode(request))).isEqualTo(request);
        byte[] bad = JournalCodec.encode(new JournalEvent.BudgetRequested(JOB, 200_000, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalCodec.decode(bad))
                .isInstanceOf(org.gleaner.protocol.codec.MalformedRecordException.class);
    }
}
