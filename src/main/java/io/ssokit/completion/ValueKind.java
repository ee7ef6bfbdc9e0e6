package io.ssokit.completion;

/**
 * What the value of an option or positional parameter is, which decides where its completion
 * candidates come from. Every kind is answered by the shell script alone: the dynamic ones read
 * the AWS config files or the {@link CandidateIndex}, never the JVM.
 */
public enum ValueKind {
    /** A flag: the option takes no value. */
    NONE,
    /** Free text: the shell offers nothing (no file names either). */
    TEXT,
    /** One of a fixed list known when the script is generated (enum constants, candidates). */
    FIXED,
    /** A profile name from the config and credentials files. */
    PROFILE,
    /** An {@code [sso-session NAME]} name from the config file. */
    SSO_SESSION,
    /** An account id from the candidate index (account names as descriptions). */
    ACCOUNT,
    /** A role name from the candidate index, of the account on the command line when there is one. */
    ROLE,
    /** An AWS region name. */
    REGION,
    /** An Identity Center start URL from the config file and the candidate index. */
    START_URL,
    /** A file name. */
    FILE,
    /** A directory name. */
    DIRECTORY,
    /** A command to run, followed by its own arguments (run-as, exec): completed as that command. */
    COMMAND
}
