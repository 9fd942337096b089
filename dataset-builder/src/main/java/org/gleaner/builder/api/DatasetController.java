package org.gleaner.builder.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gleaner.builder.api.ApiModels.DatasetList;
import org.gleaner.builder.api.ApiModels.DatasetSummary;
import org.gleaner.builder.api.ApiModels.DeltaList;
import org.gleaner.builder.api.ApiModels.DeltaSummary;
import org.gleaner.builder.api.ApiModels.FileEntry;
import org.gleaner.builder.api.ApiModels.FileList;
import org.gleaner.builder.api.ApiModels.VersionList;
import org.gleaner.builder.api.ApiModels.VersionSummary;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestFile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Datasets, versions, manifests and their signatures, cards, files and deletion deltas, for authenticated labs. */
@RestController
@RequestMapping("/v1/datasets")
@SecurityRequirement(name = "labKey")
class DatasetController {
    private static final String NOTE = "text/plain; charset=utf-8";
    private final DatasetStore store;
    private final DeltaStore deltas;

    DatasetController(DatasetStore store, DeltaStore deltas) {
        this.store = store;
        this.deltas = deltas;
    }

    @Operation(summary = "Datasets with at least one published version")
    @GetMapping
    DatasetList datasets() {
        return new DatasetList(store.datasets().stream().map(name -> new DatasetSummary(name, store.versions(name).size(),
                store.latest(name).map(PublishedVersion::version).orElse(null))).toList());
    }

    @Operation(summary = "A dataset's published versions, oldest first, with superseded status")
    @GetMapping("/{dataset}/versions")
    VersionList versions(@PathVariable("dataset") String dataset) {
        List<PublishedVersion> versions = store.versions(dataset);
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("no published dataset " + dataset);
        }
        return new VersionList(dataset, versions.stream().map(DatasetController::summary).toList());
    }

    @Operation(summary = "A version's files with their SHA-256, size and row count, and download URLs")
    @GetMapping("/{dataset}/versions/{version}/files")
    FileList files(@PathVariable("dataset") String dataset, @PathVariable("version") String version) {
        PublishedVersion v = store.version(dataset, version);
        return new FileList(dataset, v.version(), v.manifest().files().stream()
                .map(f -> new FileEntry(f.path(), f.sha256(), f.bytes(), f.rows(), base(v) + "/files/" + f.path())).toList());
    }

    @Operation(summary = "The version's manifest.json, byte for byte as signed",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json")))
    @GetMapping(value = "/{dataset}/versions/{version}/manifest", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] manifest(@PathVariable("dataset") String dataset, @PathVariable("version") String version, HttpServletResponse response) {
        PublishedVersion v = store.version(dataset, version);
        response.setHeader("ETag", "\"" + DeltaStore.sha256(v.manifestBytes()) + "\"");
        return v.manifestBytes();
    }

    @Operation(summary = "The manifest's detached signature: a C2SP signed note by the builder's key",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = NOTE)))
    @GetMapping(value = "/{dataset}/versions/{version}/manifest.sig", produces = NOTE)
    byte[] manifestSignature(@PathVariable("dataset") String dataset, @PathVariable("version") String version) {
        PublishedVersion v = store.version(dataset, version);
        return readSmall(DatasetManifest.signaturePath(v.dir()), DatasetStore.maxNoteBytes(), "manifest.json.sig");
    }

    @Operation(summary = "The dataset card (README.md, markdown with YAML front matter)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/markdown")))
    @GetMapping("/{dataset}/versions/{version}/card")
    void card(@PathVariable("dataset") String dataset, @PathVariable("version") String version, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        PublishedVersion v = store.version(dataset, version);
        ManifestFile card = v.card().orElseThrow(() -> ApiProblem.notFound(dataset + "/v" + version + " has no card"));
        FileDownload.send(request, response, store.file(v, card), card.bytes(), card.sha256(), FileDownload.contentType(card.path()));
    }

    @Operation(summary = "Download a file the manifest names; one byte range with Range (206, 416), ETag = its SHA-256",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
                        schema = @Schema(type = "string", format = "binary"))),
                @ApiResponse(responseCode = "206", description = "the requested range",
                        content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))),
                @ApiResponse(responseCode = "304", description = "If-None-Match matched the ETag"),
                @ApiResponse(responseCode = "404", description = "the manifest names no such file"),
                @ApiResponse(responseCode = "410", description = "the version is superseded and the retention sweep removed "
                        + "its data files; the reason names the version to pull instead"),
                @ApiResponse(responseCode = "416", description = "the range starts past the end")})
    @GetMapping("/{dataset}/versions/{version}/files/{*path}")
    void file(@PathVariable("dataset") String dataset, @PathVariable("version") String version,
            @Parameter(description = "a path the manifest names, e.g. part-00000.parquet") @PathVariable("path") String path,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        PublishedVersion v = store.version(dataset, version);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        ManifestFile f = v.file(relative).orElseThrow(() -> ApiProblem.notFound(dataset + "/v" + version
                + "'s manifest names no file " + (relative.length() > 200 ? relative.substring(0, 200) + "..." : relative)));
        FileDownload.send(request, response, store.file(v, f), f.bytes(), f.sha256(), FileDownload.contentType(f.path()));
    }

    @Operation(summary = "Deletion deltas a lab holding version `since` (or a later one) must apply; all when omitted")
    @GetMapping("/{dataset}/deltas")
    DeltaList deltas(@PathVariable("dataset") String dataset, @RequestParam(name = "since", required = false) String since) {
        return new DeltaList(dataset, since, deltas.deltas(dataset, since).stream().map(d -> new DeltaSummary(d.sequence(),
                d.format(), d.affectedVersions(), d.compactedVersions(), d.revokedGrantIds(), d.removedRows(),
                d.redactedRows(), d.bytes(), d.sha256(),
                deltaUrl(d), deltaUrl(d) + ".sig")).toList());
    }

    @Operation(summary = "A deletion delta's JSON, byte for byte as signed; ETag = its SHA-256, Range as for files",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json")))
    @GetMapping("/{dataset}/deltas/{sequence}")
    void delta(@PathVariable("dataset") String dataset, @PathVariable("sequence") long sequence, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        DeletionDelta d = deltas.delta(dataset, sequence);
        FileDownload.send(request, response, d.json(), d.bytes(), d.sha256(), "application/json");
    }

    @Operation(summary = "A deletion delta's signature (a C2SP signed note)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = NOTE)))
    @GetMapping(value = "/{dataset}/deltas/{sequence}.sig", produces = NOTE)
    byte[] deltaSignature(@PathVariable("dataset") String dataset, @PathVariable("sequence") long sequence) {
        DeletionDelta d = deltas.delta(dataset, sequence);
        return readSmall(d.signature(), DatasetStore.maxNoteBytes(), d.signature().getFileName().toString());
    }

    private static VersionSummary summary(PublishedVersion v) {
        DatasetManifest m = v.manifest();
        return new VersionSummary(v.version(), m.createdAt().toString(), m.rows(), m.files().size(),
                m.files().stream().mapToLong(ManifestFile::bytes).sum(), m.supersedes(), v.superseded(), v.supersededBy(),
                base(v) + "/manifest");
    }

    private static String base(PublishedVersion v) {
        return "/v1/datasets/" + v.dataset() + "/versions/" + v.version();
    }

    private static String deltaUrl(DeletionDelta d) {
        return "/v1/datasets/" + d.dataset() + "/deltas/" + d.sequence();
    }

    private static byte[] readSmall(Path file, int max, String name) {
        try {
            if (Files.size(file) > max) {
                throw new ApiProblem(HttpStatus.CONFLICT, name + " exceeds " + max + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw ApiProblem.notFound(name + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
