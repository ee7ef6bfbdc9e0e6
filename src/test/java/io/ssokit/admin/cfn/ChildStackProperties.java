package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.admin.Directory.PrincipalType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Child-stack allocation: every assignment lands in exactly one template, and always the same one. */
class ChildStackProperties {
    static final String INSTANCE = "arn:aws:sso:::instance/ssoins-69e2ecd0b249f0cd";

    @Property(tries = 200)
    void everyAssignmentLandsInExactlyOneChildAndStaysThere(@ForAll("accounts") Set<String> accounts,
            @ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        List<Assignment> assignments = new ArrayList<>();
        PermissionSetSpec ps = PermissionSetSpec.of("ps-b5b9375180ceaaac", INSTANCE, "", "test");
        for (String account : accounts) {
            for (String group : List.of("g-1", "g-2")) {
                assignments.add(Assignment.of(INSTANCE, new Principal(PrincipalType.GROUP, group), ps,
                        new Target(account, null), Map.of(), "", "test"));
            }
        }
        GenerationSettings settings = GenerationSettings.fromOptions(CfnOptions.builder(java.nio.file.Path.of("x"))
                .numChildStacks(n).maxResourcesPerTemplate(Math.max(n, assignments.size())).build());
        Map<String, Integer> placement = place(assignments, settings, n);
        assertEquals(assignments.size(), placement.size());

        List<Assignment> shuffled = new ArrayList<>(assignments.subList(0, assignments.size() / 2 + 1));
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, Integer> again = place(shuffled, settings, n);
        again.forEach((id, child) -> assertEquals(placement.get(id), child, id + " moved to another child stack"));
    }

    /** Lays the assignments out, renders the children, and returns logical ID -> child number. */
    private static Map<String, Integer> place(List<Assignment> assignments, GenerationSettings settings, int n) {
        ResourceCollection col = new ResourceCollection("stem", assignments, List.of(), "test");
        Templates.Layout layout = Templates.layout(col, settings, n);
        assertEquals(n, layout.children().size());
        assertEquals(0, layout.parentAssignments().size());
        Map<String, Integer> placement = new HashMap<>();
        for (Templates.Child child : Templates.children(layout, "stem", ".yaml", settings, new Metadata(null))) {
            int number = Integer.parseInt(child.stem().substring("stem-".length()));
            Map<?, ?> resources = (Map<?, ?>) child.template().get("Resources");
            for (Object id : resources.keySet()) {
                Integer previous = placement.put((String) id, number);
                assertEquals(null, previous, id + " is in two child templates");
            }
        }
        for (Assignment a : assignments) {
            assertEquals(LogicalIds.childIndex(a.digest(), n), placement.get(a.logicalId()));
        }
        return placement;
    }

    @Provide
    Arbitrary<Set<String>> accounts() {
        return Arbitraries.strings().numeric().ofLength(12).set().ofMinSize(1).ofMaxSize(60);
    }
}
