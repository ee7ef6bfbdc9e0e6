package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "us-east-1, usea1",
        "ap-northeast-1, apne1",
        "ca-central-1, cace1",
        "us-gov-west-1, govwe1",
        "eu-north-1, euno1",
        "me-south-1, meso1",
        "cn-northwest-1, cnnw1",
        "ap-southeast-2, apse2",
        "af-south-1, afso1",
        "us-west-2, uswe2",
        "eu-west-1, euwe1",
        "il-central-1, ilce1",
        "us-gov-east-1, govea1",
        // the area is everything left of direction-number, abbreviated only for us-gov
        "eusc-de-east-1, eusc-deea1",
        // unknown direction words are kept
        "xx-middle-9, xxmiddle9",
    })
    void shortNames(String region, String expected) {
        assertEquals(expected, Regions.shortName(region));
    }

    @ParameterizedTest
    @CsvSource({"local", "us-east", "-east", "''"})
    void unsplittableRegionsStayWhole(String region) {
        assertEquals(region, Regions.shortName(region));
    }

    @Test
    void theRegionListIsUniqueAndEveryRegionAbbreviates() {
        assertEquals(Regions.ALL.size(), new HashSet<>(Regions.ALL).size());
        assertTrue(Regions.ALL.containsAll(java.util.List.of("us-east-1", "eu-west-1", "us-gov-west-1",
                "cn-north-1", "ap-southeast-7", "mx-central-1")));
        for (String region : Regions.ALL) {
            assertTrue(region.matches("[a-z]+(-[a-z]+)+-\\d"), region);
            assertNotEquals(region, Regions.shortName(region), region);
        }
    }
}
