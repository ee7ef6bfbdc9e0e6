package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.admin.Directory;
import io.ssokit.admin.Directory.PrincipalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine of {@code admin cfn} (spec §3.14, §8.3-§8.5): reads config files (or, with
 * {@code --macro}, templates with {@code SSOUtil::SSO::AssignmentGroup} resources), expands them
 * into assignments through the {@link Directory}, and renders the parent and child templates and
 * the assignments CSV. Nothing is written here: see {@link CfnWriter}.
 */
public final class CfnGenerator {
    public static final String TRANSFORM = "AWS-SSO-Util-2020-11-08";
    public static final String ASSIGNMENT_GROUP_TYPE = "SSOUtil::SSO::AssignmentGroup";
    static final String UTIL_PERMISSION_SET_TYPE = "SSOUtil::SSO::PermissionSet";

    private final CfnOptions options;
    private final OrgLookups lookups;
    private final Metadata metadata;
    private final Log log;

    private CfnGenerator(CfnOptions options, Directory directory, Log log) {
        this.options = options;
        this.lookups = new OrgLookups(directory, options.ssoInstance());
        this.metadata = new Metadata(options.lookupNames() ? lookups : null);
        this.log = log;
    }

    /** One input file, read and expanded: where its templates go and what goes in them. */
    private record Input(Path outDir, String stem, String file, Map<String, Object> base, GenerationSettings settings,
            List<ResourceCollection> items) {
    }

    /**
     * Renders everything the options ask for.
     *
     * @throws SsokitException with a one-line message (usage errors for bad options or input files)
     */
    public static CfnOutput generate(CfnOptions options, Directory directory, Log log) {
        options.validate();
        return new CfnGenerator(options, directory, log).run();
    }

    private CfnOutput run() {
        List<Path> inputs = new ArrayList<>(options.inputs());
        Map<String, Object> base = null;
        if (options.baseTemplateFile() != null) {
            Path baseFile = options.baseTemplateFile();
            Object loaded = CfnYaml.load(read(baseFile), baseFile.toString());
            if (!(loaded instanceof Map<?, ?>)) {
                throw new SsokitException(ExitCodes.USAGE, baseFile + ": a base template must be a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) loaded;
            base = map;
            Path same = canonical(baseFile);
            if (inputs.removeIf(p -> canonical(p).equals(same))) {
                log.debug("the base template " + baseFile + " is not also read as a config file");
            }
            if (inputs.isEmpty()) {
                throw new SsokitException(ExitCodes.USAGE, "no CONFIG_FILE left once the base template is set aside");
            }
        }
        List<Input> read = new ArrayList<>();
        for (Path input : inputs) {
            read.add(options.macro() ? readMacroTemplate(input) : readConfig(input, base));
        }

        List<CfnOutput.OutputFile> files = new ArrayList<>();
        if (!options.assignmentsCsvOnly()) {
            for (Input input : read) {
                files.addAll(render(input));
            }
            Set<Path> seen = new HashSet<>();
            for (CfnOutput.OutputFile f : files) {
                if (!seen.add(f.path().toAbsolutePath().normalize())) {
                    throw new SsokitException(ExitCodes.USAGE, "two inputs would write the same file " + f.path()
                            + "; give them different names or --output-dir");
                }
            }
        }
        String csv = null;
        if (options.assignmentsCsv() != null) {
            List<Assignment> all = new ArrayList<>();
            read.forEach(i -> i.items().forEach(item -> all.addAll(item.assignments())));
            csv = AssignmentsCsv.render(all, metadata);
        }
        return new CfnOutput(files, options.assignmentsCsv(), csv);
    }

    private Input readConfig(Path path, Map<String, Object> base) {
        String file = path.toString();
        Object data = CfnYaml.load(read(path), file);
        AssignmentConfig config = AssignmentConfig.fromConfigFile(data, file, log);
        GenerationSettings settings = GenerationSettings.fromOptions(options);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) data;
        settings.fillFrom(map, file);
        log.debug(file + ": " + settings);
        fillInstance(config);
        ResourceCollection collection = expand(config, stem(path));
        int n = collection.assignments().size();
        log.info(file + ": " + n + (n == 1 ? " assignment" : " assignments"));
        return new Input(outDir(path), stem(path), file, base == null ? null : copy(base), settings, List.of(collection));
    }

    @SuppressWarnings("unchecked")
    private Input readMacroTemplate(Path path) {
        String file = path.toString();
        Object data = CfnYaml.load(read(path), file);
        if (!(data instanceof Map<?, ?>) || !(((Map<?, ?>) data).get("Resources") instanceof Map<?, ?>)) {
            throw new SsokitException(ExitCodes.USAGE, file + ": a --macro input must be a template with Resources");
        }
        Map<String, Object> template = (Map<String, Object>) data;
        Object transform = template.get("Transform");
        if (TRANSFORM.equals(transform)) {
            template.remove("Transform");
        } else if (transform instanceof List<?> list && list.contains(TRANSFORM)) {
            List<Object> rest = new ArrayList<>(list);
            rest.removeIf(TRANSFORM::equals);
            if (rest.isEmpty()) {
                template.remove("Transform"); // aws-sso-util left "Transform: []"
            } else {
                template.put("Transform", rest);
            }
        } else {
            throw new SsokitException(ExitCodes.USAGE, file + ": Transform does not list " + TRANSFORM
                    + " (is this a config file? then leave out --macro)");
        }
        GenerationSettings settings = GenerationSettings.fromOptions(options);
        if (template.get("Metadata") instanceof Map<?, ?> md && md.get("SSO") instanceof Map<?, ?> sso) {
            settings.fillFrom((Map<String, Object>) sso, file + ": Metadata.SSO");
        }
        log.debug(file + ": " + settings);
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        List<ResourceCollection> items = new ArrayList<>();
        for (Iterator<Map.Entry<String, Object>> it = resources.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> entry = it.next();
            if (!(entry.getValue() instanceof Map<?, ?> resource)) {
                continue;
            }
            Object type = resource.get("Type");
            if (UTIL_PERMISSION_SET_TYPE.equals(type)) {
                ((Map<String, Object>) resource).put("Type", PermissionSetSpec.RESOURCE_TYPE);
            } else if (ASSIGNMENT_GROUP_TYPE.equals(type)) {
                AssignmentConfig config = AssignmentConfig.fromAssignmentGroup(entry.getKey(), resource, file).config();
                fillInstance(config);
                items.add(expand(config, entry.getKey()));
                it.remove();
            }
        }
        int count = items.stream().mapToInt(i -> i.assignments().size()).sum();
        log.info(file + ": " + count + " assignments from " + items.size() + " assignment groups");
        return new Input(outDir(path), stem(path), file, template, settings, items);
    }

    /** A config without an instance uses --sso-instance or the only instance; a different one is refused. */
    private void fillInstance(AssignmentConfig config) {
        if (config.instance == null) {
            config.instance = lookups.instanceArn();
        } else if (lookups.givenInstanceArn() != null && config.instance instanceof String s
                && !s.equals(lookups.givenInstanceArn())) {
            throw new SsokitException(ExitCodes.USAGE, config.source + ": Instance " + s + " is not the instance given"
                    + " with --sso-instance (" + lookups.givenInstanceArn() + "); drop one of them");
        }
    }

    /** Principals x permission sets x targets, in that nesting, without repeats. */
    private ResourceCollection expand(AssignmentConfig config, String stem) {
        List<Principal> principals = new ArrayList<>();
        config.groups.forEach(g -> principals.add(new Principal(PrincipalType.GROUP, g)));
        config.users.forEach(u -> principals.add(new Principal(PrincipalType.USER, u)));

        List<PermissionSetSpec> permissionSets = new ArrayList<>();
        Map<String, PermissionSetSpec> inline = new HashMap<>();
        for (Object value : config.permissionSets) {
            PermissionSetSpec ps = PermissionSetSpec.of(value, config.instance, config.prefix, config.source + ": PermissionSets");
            if (ps.isResource()) {
                PermissionSetSpec earlier = inline.putIfAbsent(ps.resourceName(), ps);
                if (earlier != null && !earlier.sameDefinition(ps)) {
                    throw new SsokitException(ExitCodes.USAGE, config.source + ": two different inline permission sets"
                            + " would both be " + ps.resourceName() + "; give them different Names");
                }
            }
            permissionSets.add(ps);
        }

        List<Target> targets = new ArrayList<>();
        for (String ou : config.ous) {
            lookups.accountsFor(ou, false).forEach(a -> targets.add(new Target(a.id(), ou)));
        }
        for (String ou : config.recursiveOus) {
            lookups.accountsFor(ou, true).forEach(a -> targets.add(new Target(a.id(), ou)));
        }
        config.accounts.forEach(a -> targets.add(new Target(a, null)));

        Map<String, Assignment> byId = new LinkedHashMap<>();
        Map<String, Object> groupMetadata = config.metadata();
        for (Principal p : principals) {
            for (PermissionSetSpec ps : permissionSets) {
                for (Target t : targets) {
                    Assignment a = Assignment.of(config.instance, p, ps, t, groupMetadata, config.prefix, config.source);
                    Assignment earlier = byId.putIfAbsent(a.logicalId(), a);
                    if (earlier != null && !java.util.Arrays.equals(earlier.digest(), a.digest())) {
                        throw new SsokitException(ExitCodes.ERROR, config.source + ": two different assignments share"
                                + " the logical ID " + a.logicalId() + " (the first 6 hex digits of their hashes collide)");
                    }
                }
            }
        }
        return new ResourceCollection(stem, new ArrayList<>(byId.values()), permissionSets, config.source);
    }

    /** The templates of one input: its children (in item order) and then its parent. */
    @SuppressWarnings("unchecked")
    private List<CfnOutput.OutputFile> render(Input input) {
        String suffix = options.suffix();
        Integer n = input.settings().numChildStacks();
        int perItemReserve = n == null ? 0 : n;
        Map<String, Object> parent = input.base();
        List<CfnOutput.OutputFile> files = new ArrayList<>();
        int remaining = input.items().size();
        for (ResourceCollection item : input.items()) {
            int existing = parent != null && parent.get("Resources") instanceof Map<?, ?> r ? r.size() : 0;
            Templates.Layout layout = Templates.layout(item, input.settings(), existing + remaining * perItemReserve);
            remaining--;
            List<Templates.Child> children = Templates.children(layout, item.stem(), suffix, input.settings(), metadata);
            parent = Templates.parent(parent, options.macro() ? List.of() : options.templateParameterList(), item,
                    layout, children, input.settings(), metadata, input.file());
            for (Templates.Child child : children) {
                files.add(new CfnOutput.OutputFile(input.outDir().resolve(child.fileName()), CfnYaml.dump(child.template())));
            }
        }
        if (parent == null) {
            parent = new LinkedHashMap<>();
        }
        Templates.postProcessPermissionSets(parent, input.settings(), lookups::instanceArn, input.file());
        files.add(new CfnOutput.OutputFile(input.outDir().resolve(input.stem() + suffix), CfnYaml.dump(parent)));
        return files;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> template) {
        return (Map<String, Object>) Templates.deepCopy(template);
    }

    private Path outDir(Path input) {
        if (options.outputDir() != null) {
            return options.outputDir();
        }
        Path parent = input.getParent();
        return parent == null ? Path.of("templates") : parent.resolve("templates");
    }

    /** Python's {@code Path.stem}: the name without its last extension. */
    static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SsokitException(ExitCodes.USAGE, path + ": no such file");
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.USAGE, path + ": cannot read: " + e.getMessage());
        }
    }
}
