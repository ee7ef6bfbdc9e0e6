package io.ssokit.naming;

import java.util.List;
import java.util.Map;

/** AWS region names: the known list (for completion) and aws-sso-util's five-character short form. */
public final class Regions {
    /**
     * Every region of the public partitions (aws, aws-cn, aws-us-gov, aws-eusc) in botocore
     * 1.43's partitions.json. The air-gapped ISO partitions are left out: Identity Center users
     * on a workstation cannot reach them, so completing them would only add noise.
     */
    public static final List<String> ALL = List.of(
            "af-south-1",
            "ap-east-1", "ap-east-2",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2",
            "eu-north-1",
            "eu-south-1", "eu-south-2",
            "eu-west-1", "eu-west-2", "eu-west-3",
            "il-central-1",
            "me-central-1", "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1", "us-east-2",
            "us-west-1", "us-west-2",
            "cn-north-1", "cn-northwest-1",
            "us-gov-east-1", "us-gov-west-1",
            "eusc-de-east-1");

    private static final Map<String, String> DIRECTIONS = Map.of(
            "north", "no",
            "northeast", "ne",
            "east", "ea",
            "southeast", "se",
            "south", "so",
            "southwest", "sw",
            "west", "we",
            "northwest", "nw",
            "central", "ce");

    private Regions() {
    }

    /**
     * aws-sso-util's abbreviation: the region is split from the right into area, direction and
     * number; {@code us-gov} becomes {@code gov}, known directions become two letters, and the
     * parts are concatenated ({@code ap-northeast-1} → {@code apne1}, {@code us-gov-west-1} →
     * {@code govwe1}). A region with fewer than three parts is returned unchanged.
     */
    public static String shortName(String region) {
        int last = region.lastIndexOf('-');
        int middle = last > 0 ? region.lastIndexOf('-', last - 1) : -1;
        if (middle < 0) {
            return region;
        }
        String area = region.substring(0, middle);
        String direction = region.substring(middle + 1, last);
        String number = region.substring(last + 1);
        if (area.equals("us-gov")) {
            area = "gov";
        }
        return area + DIRECTIONS.getOrDefault(direction, direction) + number;
    }
}
