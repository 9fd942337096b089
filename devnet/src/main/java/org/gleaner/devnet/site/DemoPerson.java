package org.gleaner.devnet.site;

import java.util.List;

/**
 * A fictional person whose contact details appear on the demo site. Addresses use the reserved
 * {@code example.*} domains and phone numbers the fictional 555-01xx and Ofcom drama ranges.
 */
public record DemoPerson(String slug, String name, String role, String email, String phone) {

    public static final List<DemoPerson> ALL = List.of(
            new DemoPerson("ada-quill", "Ada Quill", "archivist", "ada.quill@example.com", "+1 202-555-0143"),
            new DemoPerson("bruno-tessel", "Bruno Tessel", "beekeeper", "bruno.tessel@example.org", "+44 20 7946 0321"),
            new DemoPerson("chiara-voss", "Chiara Voss", "cartographer", "chiara@example.net", "+1 415-555-0187"),
            new DemoPerson("dmitri-okafor", "Dmitri Okafor", "luthier", "d.okafor@example.com", "+44 20 7946 0958"),
            new DemoPerson("elin-marsh", "Elin Marsh", "glassblower", "elin.marsh@example.org", "+1 312-555-0110"),
            new DemoPerson("farah-lindqvist", "Farah Lindqvist", "clockmaker", "farah@example.com", "+1 646-555-0199"));
}
