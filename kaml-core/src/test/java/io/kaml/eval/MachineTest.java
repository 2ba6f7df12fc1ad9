package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
    @TempDir
    Path dir;

    @Test
    void theCpuModelIsTheFirstModelNameOfCpuinfo() throws Exception {
        Path cpuInfo = dir.resolve("cpuinfo");
        Files.write(cpuInfo, List.of("processor\t: 0", "vendor_id\t: GenuineIntel", "model\t\t: 85",
                "model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", "", "processor\t: 1", "model name\t: Another"));
        assertThat(Machine.cpuModel(cpuInfo)).isEqualTo("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz");
    }

    @Test
    void withoutAModelNameOrAFileTheCpuIsUnknown() {
        // An ARM kernel's cpuinfo names implementer and part numbers, not a model.
        assertThat(Machine.cpuModel(List.of("processor\t: 0", "CPU implementer\t: 0x41", "CPU part\t: 0xd0c"))).isNull();
        assertThat(Machine.cpuModel(List.of("model name\t:   "))).isNull();
        assertThat(Machine.cpuModel(dir.resolve("missing"))).isNull();
    }

    @Test
    void currentIsThisJvmsMachine() {
        Machine m = Machine.current();
        assertThat(m.processors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(m.java()).startsWith(Runtime.version().toString() + " (");
        assertThat(m.os()).startsWith(System.getProperty("os.name") + " ");
        assertThat(m.arch()).isEqualTo(System.getProperty("os.arch"));
    }
}
