package org.gleaner.builder.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.gleaner.builder.api.ApiModels.AppearanceList;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where a consent grant's licensed data appears: row counts per dataset version, never row content. */
@RestController
@SecurityRequirement(name = "labKey")
class AppearancesController {
    private final GrantAppearances appearances;

    AppearancesController(GrantAppearances appearances) {
        this.appearances = appearances;
    }

    @Operation(summary = "Dataset versions holding rows licensed by this consent grant id, with row counts")
    @GetMapping("/v1/appearances")
    AppearanceList appearances(@RequestParam("grant") String grant) {
        return new AppearanceList(grant, appearances.of(grant));
    }
}
