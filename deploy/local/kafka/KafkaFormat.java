import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Formats the local broker's storage with the SCRAM credential of the admin principal, which the
 * broker needs before it can talk to itself (KRaft stores SCRAM users in the metadata log).
 * {@code java -cp "$KAFKA_LIBS/*" KafkaFormat.java CLUSTER_ID SERVER_PROPERTIES ADMIN_PASSWORD_FILE}
 *
 * <p>Exists only so that the password goes from its file to {@code StorageTool format --add-scram}
 * without passing through a command line, where any local user could read it in /proc.
 */
public class KafkaFormat {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KafkaFormat CLUSTER_ID SERVER_PROPERTIES ADMIN_PASSWORD_FILE");
            System.exit(2);
        }
        String password = Files.readString(Path.of(args[2])).strip();
        if (!password.matches("[A-Za-z0-9]+")) {
            System.err.println(args[2] + " must hold a password of letters and digits");
            System.exit(2);
        }
        kafka.tools.StorageTool.main(new String[] {
            "format", "--standalone", "-t", args[0], "-c", args[1],
            "--add-scram", "SCRAM-SHA-512=[name=admin,password=" + password + "]"});
    }
}
