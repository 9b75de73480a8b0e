package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {

    private static final String[] REQUIRED = {"--pretrained", "p", "--real", "r", "--out", "o"};

    private static String[] with(String... more) {
        String[] all = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
        System.arraycopy(more, 0, all, REQUIRED.length, more.length);
        return all;
    }

    @Test
    void defaultsFitTheSmallCpuBudget() {
        TrainOptions o = TrainOptions.parse(REQUIRED);
        assertThat(o.pretrained()).isEqualTo(Path.of("p"));
        assertThat(o.out()).isEqualTo(Path.of("o"));
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.size()).isEqualTo(128);
        assertThat(o.validationFraction()).isEqualTo(0.2);
        assertThat(o.realRepeat()).isEqualTo(1);
        assertThat(o.ema()).as("the last weights are kept unless --ema asks for their average").isZero();
        assertThat(o.edgeWeight()).as("every crop weighs the same unless --edge-weight says otherwise").isZero();
    }

    @Test
    void optionsOverrideDefaults() {
        TrainOptions o = TrainOptions.parse(with("--synthetic", "10", "--epochs", "2", "--size", "160", "--seed", "7"));
        assertThat(o.synthetic()).isEqualTo(10);
        assertThat(o.epochs()).isEqualTo(2);
        assertThat(o.size()).isEqualTo(160);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.dataSeed()).as("the data follow the seed unless given their own").isEqualTo(7);
        TrainOptions sameData = TrainOptions.parse(with("--seed", "7", "--data-seed", "42"));
        assertThat(sameData.seed()).isEqualTo(7);
        assertThat(sameData.dataSeed()).isEqualTo(42);
        assertThat(TrainOptions.parse(with("--real-repeat", "3")).realRepeat()).isEqualTo(3);
        TrainOptions distilled = TrainOptions.parse(with("--teacher", "models/big", "--distil-weight", "0.7"));
        assertThat(distilled.teacher()).isEqualTo(Path.of("models/big"));
        assertThat(distilled.distilWeight()).isEqualTo(0.7);
        assertThat(TrainOptions.parse(REQUIRED).teacher()).isNull();
        assertThat(TrainOptions.parse(with("--ema", "0.999")).ema()).isEqualTo(0.999);
        assertThat(TrainOptions.parse(with("--edge-weight", "3")).edgeWeight()).isEqualTo(3);
    }

    @Test
    void problemsNameTheOption() {
        assertThatThrownBy(() -> TrainOptions.parse(new String[] {"--real", "r", "--out", "o"}))
                .hasMessageContaining("missing --pretrained");
        assertThatThrownBy(() -> TrainOptions.parse(with("--epochs", "many"))).hasMessageContaining("--epochs");
        assertThatThrownBy(() -> TrainOptions.parse(with("--size", "4000"))).hasMessageContaining("--size");
        assertThatThrownBy(() -> TrainOptions.parse(with("--real-repeat", "0"))).hasMessageContaining("--real-repeat");
        assertThatThrownBy(() -> TrainOptions.parse(with("--ema", "1"))).hasMessageContaining("--ema");
        assertThatThrownBy(() -> TrainOptions.parse(with("--colour", "red"))).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> TrainOptions.parse(with("--seed"))).hasMessageContaining("--seed needs a value");
        assertThatThrownBy(() -> TrainOptions.parse(with("--distil-weight", "0.5")))
                .hasMessageContaining("--distil-weight needs --teacher");
        assertThatThrownBy(() -> TrainOptions.parse(with("--teacher", "t", "--distil-weight", "2")))
                .hasMessageContaining("--distil-weight");
        assertThatThrownBy(() -> TrainOptions.parse(with("--edge-weight", "-1"))).hasMessageContaining("--edge-weight");
        assertThatThrownBy(() -> TrainOptions.parse(with("--teacher", "t", "--edge-weight", "2")))
                .hasMessageContaining("--edge-weight").hasMessageContaining("--teacher");
    }
}
