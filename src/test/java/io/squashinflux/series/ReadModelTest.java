package io.squashinflux.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.mapping.Mapping;
import org.junit.jupiter.api.Test;

class ReadModelTest {

  @Test
  void notebookKeepsFilterNameFullFieldKeysAndTheJobsIdsAsFields() {
    ReadModel model = ReadModel.of(Mapping.builtIn("notebook"));
    assertThat(model.seriesTags()).containsExactly("dataset", "filter_name");
    assertThat(model.metricOf("validate_drp", "validate_drp.PA1")).isEqualTo("validate_drp.PA1");
    assertThat(model.metricOf("validate_drp", "squash_id")).isNull();
    assertThat(model.jobIdField()).isEqualTo("squash_id");
    assertThat(model.runIdField()).isEqualTo("run_id");
    assertThat(model.jobUrlField()).isEqualTo("squash_url");
    assertThat(model.runUrlField()).isEqualTo("run_url");
  }

  @Test
  void squashHasShortKeysIdsAndLinksAsFields() {
    ReadModel model = ReadModel.of(Mapping.builtIn("squash"));
    assertThat(model.seriesTags()).containsExactly("dataset", "filter");
    assertThat(model.metricOf("validate_drp", "PA1")).isEqualTo("validate_drp.PA1");
    assertThat(model.metricOf("validate_drp", "run_id")).isNull();
    assertThat(model.metricOf("validate_drp", "timestamp")).isNull();
    assertThat(model.jobIdField()).isEqualTo("squash_id");
    assertThat(model.runIdField()).isEqualTo("run_id");
    assertThat(model.jobUrlField()).isEqualTo("squash_url");
    assertThat(model.runUrlField()).isEqualTo("run_url");
    assertThat(model.codeChangesField()).isEqualTo("code_changes");
  }

  @Test
  void userFileRenamingTheFilterIsFollowed() {
    Mapping mine = Mapping.parse("mine.mapping",
        "[model]\nextends = notebook\n\n[keys]\nfilter_name = tag band\n");
    assertThat(ReadModel.of(mine).filterTag()).isEqualTo("band");
  }
}
