package io.squashinflux.sink.sasquatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Point;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** A point as the Avro record Sasquatch's dispatchers send. */
class AvroRecordsTest {
  private final AvroRecords records = new AvroRecords("lsst.verify");

  @Test
  void aPointBecomesARecordOfItsMeasurementWithTimestampMetadataAndValues() throws Exception {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    fields.put("validate_drp.AM1", FieldValue.of(8.25));
    fields.put("count", new FieldValue.IntValue(3));
    fields.put("passed", new FieldValue.BoolValue(true));
    fields.put("broken", FieldValue.of(Double.NaN));
    Point point = new Point("job 7", "validate_drp",
        Map.of("dataset", "validation_data_hsc", "filter-name", "HSC-I"), fields,
        1_600_000_000_123_456_789L);

    AvroRecords.Encoded encoded = (AvroRecords.Encoded) records.map(point);

    assertThat(encoded.topic()).isEqualTo("lsst.verify.validate_drp");
    Schema schema = new Schema.Parser().parse(encoded.schema().toString());
    assertThat(schema.getFullName()).isEqualTo(encoded.topic());
    GenericRecord read = new GenericDatumReader<GenericRecord>(schema).read(null,
        DecoderFactory.get().jsonDecoder(schema, encoded.valueJson()));
    assertThat(read.get("timestamp")).isEqualTo(1_600_000_000_123_456L);
    assertThat(read.get("dataset").toString()).isEqualTo("validation_data_hsc");
    assertThat(read.get("filter_name").toString()).isEqualTo("HSC-I");
    assertThat(read.get("validate_drp_AM1")).isEqualTo(8.25);
    assertThat(read.get("count")).isEqualTo(3L);
    assertThat(read.get("passed")).isEqualTo(true);
    assertThat(schema.getField("broken")).as("InfluxDB cannot hold NaN either").isNull();
  }

  @Test
  void namesThatCollideInAvroRefuseThePointWithBothNames() {
    Point point = new Point("job 8", "m", Map.of("a.b", "x"),
        Map.of("a_b", FieldValue.of(1.0)), 1L);

    assertThat(records.map(point)).isInstanceOfSatisfying(AvroRecords.Refused.class,
        refused -> assertThat(refused.reason()).contains("\"a.b\"", "\"a_b\""));
  }
}
