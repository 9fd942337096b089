package org.gleaner.builder.manifest;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gleaner.builder.parquet.DatasetSchema;

/**
 * A Hugging Face style dataset card ({@code README.md}) for one dataset version: YAML front matter (licence,
 * languages, task, size bucket, the Parquet files as the {@code default} config's train split, pretty name) and
 * sections on what the data is, where it comes from and on what consent basis, its columns, the filters
 * applied and how to verify it. Every value placed in YAML is either a fixed word or checked against a strict
 * pattern, so a row's content can never inject YAML.
 */
public final class DatasetCard {
    public static final String FILE_NAME = "README.md";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private DatasetCard() {
    }

    /**
     * @param manifest  the manifest-to-be (its files are the data files; the card itself is not yet among them)
     * @param languages rows per language code, read from the data files
     */
    public static String render(DatasetManifest manifest, Map<String, Long> languages) {
        String name = manifest.dataset() + " v" + manifest.version();
        List<String> codes = languages.keySet().stream()
                .filter(c -> LANGUAGE.matcher(c).matches() && !c.equals("und")).sorted().toList();
        StringBuilder b = new StringBuilder();
        b.append("---\n");
        b.append("pretty_name: \"").append(name).append("\"\n");
        b.append("license: other\n");
        b.append("license_name: per-row-consent-grants\n");
        if (!codes.isEmpty()) {
            b.append("language:\n");
            codes.forEach(c -> b.append("- ").append(c).append('\n'));
        }
        b.append("task_categories:\n- text-generation\n");
        b.append("size_categories:\n- ").append(sizeCategory(manifest.rows())).append('\n');
        b.append("configs:\n- config_name: default\n  data_files:\n  - split: train\n    path:\n");
        manifest.dataFiles().forEach(f -> b.append("    - \"").append(f.path()).append("\"\n"));
        b.append("---\n\n");

        b.append("# ").append(name).append("\n\n");
        b.append("## Summary\n\n");
        b.append("Web pages crawled by Gleaner nodes, extracted to main text, one row per document. ")
                .append(manifest.rows()).append(" rows in ").append(manifest.dataFiles().size())
                .append(" Parquet file(s), built ").append(manifest.createdAt()).append(".\n\n");
        b.append("| language | rows |\n| --- | --- |\n");
        languages.forEach((code, n) -> b.append("| ").append(LANGUAGE.matcher(code).matches() ? code : "?")
                .append(" | ").append(n).append(" |\n"));
        b.append('\n');
        if (manifest.supersedes() != null) {
            b.append("This version supersedes v").append(manifest.supersedes()).append(".\n\n");
        }

        b.append("## Provenance and consent basis\n\n");
        b.append("Every row carries the fields of the crawler node's signed fetch receipt (`node_id`, `lease_id`, ")
                .append("`url`, `final_url`, `http_status`, `fetched_at`, `body_bytes`, `content_sha256`, ")
                .append("`receipt_nonce`, `receipt_signature`), so its provenance can be checked offline.\n\n");
        if (manifest.checkpoint() == null) {
            b.append("Consent ledger checkpoint: none. ").append(manifest.consentBasis()).append("\n\n");
        } else {
            b.append("Consent decisions are as of the consent ledger `").append(manifest.checkpoint().origin())
                    .append("` at tree size ").append(manifest.checkpoint().treeSize()).append(", root hash `")
                    .append(manifest.checkpoint().rootHash()).append("`. ").append(manifest.consentBasis())
                    .append("\n\n");
        }

        b.append("## Columns\n\n");
        b.append("Schema `").append(manifest.schemaId()).append("`; the exact Parquet message type is in ")
                .append("`manifest.json` (`schema.parquet_message_type`).\n\n");
        b.append("| column | type |\n| --- | --- |\n");
        DatasetSchema.SCHEMA.getFields().forEach(f -> b.append("| `").append(f.getName()).append("` | ")
                .append(f.isPrimitive() ? f.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT) : "list")
                .append(f.getLogicalTypeAnnotation() == null ? "" : " (" + f.getLogicalTypeAnnotation() + ")")
                .append(f.isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL) ? ", nullable" : "")
                .append(" |\n"));
        b.append('\n');

        b.append("## Filters\n\n");
        b.append("The settings that decided which pages became rows are in `manifest.json` under `filters`: ")
                .append("text extractor, language identification, quality thresholds (rows failing one are kept and ")
                .append("flagged in `quality_flags`), URL, exact and near-duplicate removal, receipt signature check ")
                .append("and the PII policy.\n\n");

        b.append("## How to verify\n\n");
        b.append("`manifest.json` lists every file of this version with its SHA-256, size and row count; ")
                .append("`manifest.json.sig` is a C2SP signed note over the manifest's SHA-256. With the builder's ")
                .append("note verifier key:\n\n");
        b.append("```\n./gleaner datasets verify <this directory> --key <verifier key>\n```\n\n");
        b.append("It checks the signature and re-hashes every file, and exits non-zero on any mismatch.\n");
        return b.toString();
    }

    /** Hugging Face's size buckets. */
    static String sizeCategory(long rows) {
        if (rows < 1_000) {
            return "n<1K";
        }
        String[] names = {"1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T"};
        long lower = 1_000;
        for (int i = 0; i + 1 < names.length; i++) {
            if (rows < lower * 10) {
                return names[i] + "<n<" + names[i + 1];
            }
            lower *= 10;
        }
        return "n>1T";
    }
}
