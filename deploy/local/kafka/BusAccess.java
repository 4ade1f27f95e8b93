import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may say what on Slipway's bus, declared on the local broker at every start by bin/slipway:
 * {@code java -cp "$KAFKA_LIBS/*" BusAccess.java BOOTSTRAP CREDENTIALS_DIR}.
 *
 * <p>Connects as the super user {@code admin}, sets the SCRAM passwords of {@code orchestrator}
 * and {@code worker} from their files in CREDENTIALS_DIR (so a deleted file means a new password
 * on the next start), then makes the two principals' ACLs exactly the ones below: missing ones are
 * created, any other one is deleted. The orchestrator decides and commands; the workers obey and
 * report. A worker can never issue a command, the orchestrator never forge a fact, and only the
 * orchestrator says which plugins the workers load.
 *
 * <p>Topic names are those of {@code dev.slipway.api.event.Topics}; group names those of the
 * services' application.properties. Passwords are read from files, never from arguments.
 */
public class BusAccess {

    static final List<String> COMMANDS = List.of("slipway.build", "slipway.deploy", "slipway.proxy", "slipway.hook");
    static final List<String> FACTS = List.of("slipway.events", "slipway.logs", "slipway.workers");
    static final String DLQ = "slipway.dlq";
    /** Plugins' REST extensions: the orchestrator asks, the workers answer. */
    static final String PLUGIN_REQUESTS = "slipway.plugin-requests";
    static final String PLUGIN_REPLIES = "slipway.plugin-replies";
    /** slipway-plugin-requests-UUID: each worker reads every plugin request, in a group of its own. */
    static final String WORKER_BROADCAST_GROUP_PREFIX = "slipway-plugin-requests-";
    /** Installed plugins, files the workers load into their JVM or run: only the orchestrator may say what they are. */
    static final String PLUGINS = "slipway.plugins";
    /** Cancellations of running stages: the orchestrator says, every worker reads them in a group of its own. */
    static final String CANCEL = "slipway.cancel";
    static final String WORKER_CANCEL_GROUP_PREFIX = "slipway-cancel-";
    static final List<String> WORKER_GROUPS = List.of("slipway-build", "slipway-deploy", "slipway-proxy", "slipway-hook");
    /** slipway-orchestrator, and slipway-orchestrator-UUID: each replica reads every worker announcement. */
    static final String ORCHESTRATOR_GROUP_PREFIX = "slipway-orchestrator";
    static final List<String> PRINCIPALS = List.of("orchestrator", "worker");

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BusAccess BOOTSTRAP CREDENTIALS_DIR");
            System.exit(2);
        }
        Path credentials = Path.of(args[1]);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", jaas("admin", password(credentials, "admin")),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            setPasswords(admin, credentials);
            int[] changes = declareAcls(admin, wanted());
            System.out.printf("bus access: %d ACLs for %s (%d created, %d deleted)%n",
                    wanted().size(), PRINCIPALS, changes[0], changes[1]);
        }
    }

    /** The whole policy. */
    static Set<AclBinding> wanted() {
        Set<AclBinding> acls = new HashSet<>();
        for (String topic : COMMANDS) {
            acls.add(allow("orchestrator", topic(topic), AclOperation.WRITE));
            acls.add(allow("worker", topic(topic), AclOperation.READ));
        }
        for (String topic : FACTS) {
            acls.add(allow("worker", topic(topic), AclOperation.WRITE));
            acls.add(allow("orchestrator", topic(topic), AclOperation.READ));
        }
        acls.add(allow("orchestrator", topic(PLUGIN_REQUESTS), AclOperation.WRITE));
        acls.add(allow("worker", topic(PLUGIN_REQUESTS), AclOperation.READ));
        acls.add(allow("worker", topic(PLUGIN_REPLIES), AclOperation.WRITE));
        acls.add(allow("orchestrator", topic(PLUGIN_REPLIES), AclOperation.READ));
        // Workers read it with no consumer group (each reads all of it at every start): no group ACL.
        acls.add(allow("orchestrator", topic(PLUGINS), AclOperation.WRITE));
        acls.add(allow("worker", topic(PLUGINS), AclOperation.READ));
        acls.add(allow("orchestrator", topic(CANCEL), AclOperation.WRITE));
        acls.add(allow("worker", topic(CANCEL), AclOperation.READ));
        // Both dead-letter what they cannot read (the orchestrator an unreadable fact).
        acls.add(allow("worker", topic(DLQ), AclOperation.WRITE));
        acls.add(allow("orchestrator", topic(DLQ), AclOperation.WRITE));
        // The orchestrator creates the topics at start (TopicBootstrap): it must see and create them.
        List<String> all = new ArrayList<>(COMMANDS);
        all.addAll(FACTS);
        all.add(DLQ);
        all.add(PLUGIN_REQUESTS);
        all.add(PLUGIN_REPLIES);
        all.add(PLUGINS);
        all.add(CANCEL);
        for (String topic : all) {
            acls.add(allow("orchestrator", topic(topic), AclOperation.DESCRIBE));
            acls.add(allow("orchestrator", topic(topic), AclOperation.CREATE));
        }
        for (String group : WORKER_GROUPS) {
            acls.add(allow("worker", new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.READ));
        }
        acls.add(allow("worker", new ResourcePattern(ResourceType.GROUP, WORKER_BROADCAST_GROUP_PREFIX,
                PatternType.PREFIXED), AclOperation.READ));
        acls.add(allow("worker", new ResourcePattern(ResourceType.GROUP, WORKER_CANCEL_GROUP_PREFIX,
                PatternType.PREFIXED), AclOperation.READ));
        acls.add(allow("orchestrator", new ResourcePattern(ResourceType.GROUP, ORCHESTRATOR_GROUP_PREFIX,
                PatternType.PREFIXED), AclOperation.READ));
        return acls;
    }

    static void setPasswords(Admin admin, Path credentials) throws Exception {
        List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String user : PRINCIPALS) {
            upserts.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(credentials, user)));
        }
        admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
    }

    /** @return {created, deleted} */
    static int[] declareAcls(Admin admin, Set<AclBinding> wanted) throws Exception {
        Set<AclBinding> present = new HashSet<>();
        List<AclBindingFilter> unwanted = new ArrayList<>();
        for (String principal : PRINCIPALS) {
            AclBindingFilter ofPrincipal = new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                    "User:" + principal, null, AclOperation.ANY, AclPermissionType.ANY));
            for (AclBinding acl : admin.describeAcls(ofPrincipal).values().get(30, TimeUnit.SECONDS)) {
                if (wanted.contains(acl)) {
                    present.add(acl);
                } else {
                    unwanted.add(acl.toFilter());
                }
            }
        }
        List<AclBinding> missing = wanted.stream().filter(acl -> !present.contains(acl)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        }
        if (!unwanted.isEmpty()) {
            admin.deleteAcls(unwanted).all().get(30, TimeUnit.SECONDS);
        }
        return new int[] {missing.size(), unwanted.size()};
    }

    static AclBinding allow(String principal, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    static String password(Path credentials, String user) throws Exception {
        String password = Files.readString(credentials.resolve(user)).strip();
        if (!password.matches("[A-Za-z0-9]+")) {
            throw new IllegalStateException(credentials.resolve(user) + " must hold a password of letters and digits");
        }
        return password;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
