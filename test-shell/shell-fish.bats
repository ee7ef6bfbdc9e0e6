#!/usr/bin/env bats
# The shell integration in real fish: the shared scenarios of shell-scenarios.bash, run through
# the real launcher against the sandbox, with a fake HOME and the AWS CLI v2 as the judge.

load helpers
load shell-scenarios

setup_file() {
  scenarios_setup_file fish
}

teardown_file() {
  ssokit_sandbox_stop
}

setup() {
  ssokit_shell_home
}

@test "fish: eval of 'ssokit shell init' defines the functions and prints nothing" {
  scenario_init_loads_with_eval
}

@test "fish: use PROFILE sets AWS_PROFILE, drops stale keys, keeps your region, starts no program" {
  scenario_use_profile_starts_no_program
}

@test "fish: use - goes back and forth" {
  scenario_use_dash_goes_back
}

@test "fish: use - with no history is an error" {
  scenario_use_dash_without_history
}

@test "fish: use --env exports credentials the AWS CLI v2 accepts; the prompt shows the minutes left" {
  scenario_use_env_exports_working_credentials
}

@test "fish: use --account-id --role-name exports a role without AWS_PROFILE" {
  scenario_use_account_and_role
}

@test "fish: clear removes every variable, and use - restores the export" {
  scenario_clear_removes_everything
}

@test "fish: hostile profile names (space, quote, \$(touch pwned)) are data, never code" {
  scenario_hostile_profile_names_run_nothing
}

@test "fish: an unknown profile is refused and changes nothing" {
  scenario_unknown_profile_changes_nothing
}

@test "fish: a failed export changes nothing" {
  scenario_failed_export_changes_nothing
}

@test "fish: env detects the shell; its code gives the AWS CLI v2 working credentials" {
  scenario_env_detects_the_shell_and_works_with_the_aws_cli
}

@test "fish: a failing env prints nothing to evaluate" {
  scenario_failed_env_evals_nothing
}

@test "fish: use with no name opens a list on the terminal; Enter chooses, Esc changes nothing" {
  scenario_picker_in_a_terminal
}
