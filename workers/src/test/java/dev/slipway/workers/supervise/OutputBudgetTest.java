package dev.slipway.workers.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputBudgetTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final OutputBudget budget = new OutputBudget(3, 100, now::get);

    @Test
    void linesOverTheBudgetOfASecondAreDroppedAndCountedWithTheNextThatPass() {
        assertEquals(new OutputBudget.Admitted(List.of("1", "2"), 0), budget.admit(List.of("1", "2")));
        assertEquals(new OutputBudget.Admitted(List.of("3"), 0), budget.admit(List.of("3", "4", "5")));
        assertEquals(new OutputBudget.Admitted(List.of(), 0), budget.admit(List.of("6")));
        now.addAndGet(999_000_000L);
        assertEquals(new OutputBudget.Admitted(List.of(), 0), budget.admit(List.of("7")), "still the same second");

        now.addAndGet(1_000_000L);
        assertEquals(new OutputBudget.Admitted(List.of("8", "9", "10"), 4), budget.admit(lines(8, 12)));
        now.addAndGet(1_000_000_000L);
        assertEquals(new OutputBudget.Admitted(List.of("13"), 2), budget.admit(List.of("13")));
        assertEquals(new OutputBudget.Admitted(List.of("14"), 0), budget.admit(List.of("14")));
    }

    @Test
    void longLinesSpendTheBudgetOfCharactersToo() {
        String sixty = "x".repeat(60);

        assertEquals(new OutputBudget.Admitted(List.of(sixty), 0), budget.admit(List.of(sixty, sixty)));
        assertEquals(new OutputBudget.Admitted(List.of("short"), 1), budget.admit(List.of("short")),
                "a shorter line still fits the second's characters");
    }

    private static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }
}
