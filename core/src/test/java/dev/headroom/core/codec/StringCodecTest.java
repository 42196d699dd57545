package dev.headroom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StringCodecTest {

    @Test
    void roundTripsUnicode() {
        String text = "Ünïcödé 📈 ok";

        assertThat(Codec.string().decode(Codec.string().encode(text))).isEqualTo(text);
    }

    @Test
    void rejectsMalformedUtf8InsteadOfReplacingIt() {
        assertThatThrownBy(() -> Codec.string().decode(new byte[] {'o', 'k', (byte) 0xFF}))
                .isInstanceOf(CodecException.class)
                .hasMessage("UNDECODABLE_PAYLOAD (codec string): payload is not valid UTF-8");
    }

    @Test
    void bytesPassThrough() {
        byte[] value = {0, 1, (byte) 0xFF};

        assertThat(Codec.bytes().decode(Codec.bytes().encode(value))).isSameAs(value);
    }
}
