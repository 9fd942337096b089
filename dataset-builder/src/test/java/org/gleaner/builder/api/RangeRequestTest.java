package org.gleaner.builder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeRequestTest {

    @Test
    void readsTheThreeFormsOfASingleRange() throws Exception {
        assertThat(RangeRequest.parse("bytes=0-9", 100)).hasValue(new RangeRequest(0, 9));
        assertThat(RangeRequest.parse("bytes=90-", 100)).hasValue(new RangeRequest(90, 99));
        assertThat(RangeRequest.parse("bytes=-10", 100)).hasValue(new RangeRequest(90, 99));
        assertThat(RangeRequest.parse("bytes=-500", 100)).hasValue(new RangeRequest(0, 99));
        assertThat(RangeRequest.parse("bytes=95-500", 100)).hasValue(new RangeRequest(95, 99));
    }

    @Test
    void ignoresWhatItDoesNotServe() throws Exception {
        assertThat(RangeRequest.parse(null, 100)).isEmpty();
        assertThat(RangeRequest.parse("items=0-9", 100)).isEmpty();
        assertThat(RangeRequest.parse("bytes=0-1,4-5", 100)).isEmpty();
        assertThat(RangeRequest.parse("bytes=9-0", 100)).isEmpty();
        assertThat(RangeRequest.parse("bytes=-", 100)).isEmpty();
        assertThat(RangeRequest.parse("bytes=99999999999999999999-", 100)).isEmpty();
    }

    @Test
    void refusesRangesPastTheEnd() {
        assertThatThrownBy(() -> RangeRequest.parse("bytes=100-", 100)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThatThrownBy(() -> RangeRequest.parse("bytes=-0", 100)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThatThrownBy(() -> RangeRequest.parse("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    }
}
