package dev.headroom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    record Widget(String name, long count) {}

    @Test
    void roundTripsARecordInsideAnEnvelope() {
        EnvelopeCodec<Widget> codec = EnvelopeCodec.of(JsonCodec.of(Widget.class));

        Widget widget = codec.decode(codec.encode(new Widget("orders", 42))).value();

        assertThat(widget).isEqualTo(new Widget("orders", 42));
    }

    @Test
    void roundTripsGenericTypes() {
        JsonCodec<List<Widget>> codec = JsonCodec.of(new TypeReference<List<Widget>>() {});
        List<Widget> widgets = List.of(new Widget("a", 1), new Widget("b", 2));

        assertThat(codec.decode(codec.encode(widgets))).isEqualTo(widgets);
    }

    @Test
    void ignoresFieldsAddedByANewerWriter() {
        byte[] newer = "{\"name\":\"orders\",\"count\":3,\"addedLater\":true}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonCodec.of(Widget.class).decode(newer)).isEqualTo(new Widget("orders", 3));
    }

    @Test
    void theBytesCannotChooseTheClass() {
        byte[] hostile = "[\"java.net.URL\",\"http://example.invalid\"]".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonCodec.of(Widget.class).decode(hostile))
                .isInstanceOfSatisfying(
                        CodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(CodecException.Reason.UNDECODABLE_PAYLOAD))
                .hasMessageContaining("cannot read")
                .hasMessageContaining("Widget");
    }

    @Test
    void reportsMalformedJsonAsUndecodable() {
        byte[] broken = "{\"name\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonCodec.of(Widget.class).decode(broken))
                .isInstanceOfSatisfying(
                        CodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(CodecException.Reason.UNDECODABLE_PAYLOAD))
                .isInstanceOfSatisfying(
                        CodecException.class, e -> assertThat(e.codecId()).isEqualTo(JsonCodec.ID));
    }
}
