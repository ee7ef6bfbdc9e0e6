package io.ssokit.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console page to land on (§7.2 step 1), computed exactly as aws-sso-util does: a given
 * destination loses its scheme and host (so a console URL can be pasted) and is resolved against
 * the console base; with a region, {@code region=} is added to the query unless one is there
 * (replaced with {@code override}), and the query is then re-encoded the way Python's
 * {@code parse_qsl}/{@code urlencode} do it. The fragment stays after the query.
 */
public final class Destination {
    private Destination() {
    }

    /**
     * @param consoleBase the console base of the endpoints
     * @param destination {@code --destination}: a path or a console URL; null or empty for the base itself
     * @param region the console region, or null
     * @param overrideRegion {@code --override-region-in-destination}
     */
    public static String compute(String consoleBase, String destination, String region, boolean overrideRegion) {
        PyUrl.Split base = PyUrl.split(consoleBase);
        String url;
        if (destination != null && !destination.isEmpty()) {
            PyUrl.Split d = PyUrl.split(destination);
            url = PyUrl.join(base, d.path(), d.query(), d.fragment());
        } else {
            url = consoleBase;
        }
        if (region == null || region.isEmpty()) {
            return url;
        }
        PyUrl.Split parts = PyUrl.split(url);
        List<Map.Entry<String, String>> params = new ArrayList<>(PyUrl.parseQsl(parts.query()));
        if (overrideRegion) {
            params.removeIf(e -> e.getKey().equals("region"));
            params.add(Map.entry("region", region));
        } else if (params.stream().noneMatch(e -> e.getKey().equals("region"))) {
            params.add(Map.entry("region", region));
        }
        return parts.withQuery(PyUrl.urlencode(params)).unsplit();
    }
}
