#!/usr/bin/env bats
# The shell integration in real zsh: the shared scenarios of shell-scenarios.bash, run through
# the real launcher against the sandbox, with a fake HOME and the AWS CLI v2 as the judge.

load helpers
load shell-scenarios

setup_file() {
  scenarios_setup_file zsh
}

teardown_file() {
  ssokit_sandbox_stop
}

setup() {
  ssokit_shell_home
}

@test "zsh: eval of 'ssokit shell init' defines the functions and prints nothing" {
  scenario_init_loads_with_eval
}

@test "zsh: use PROFILE sets AWS_PROFILE, drops stale keys, keeps your region, starts no program" {
  scenario_use_profile_starts_no_program
}

@test "zsh: use - goes back and forth" {
  scenario_use_dash_goes_back
}

@test "zsh: use - with no history is an error" {
  scenario_use_dash_without_history
}

@test "zsh: use --env exports credentials the AWS CLI v2 accepts; the prompt shows the minutes left" {
  scenario_use_env_exports_working_credentials
}

@test "zsh: use --account-id --role-name exports a role without AWS_PROFILE" {
  scenario_use_account_and_role
}

@test "zsh: clear removes every variable, and use - restores the export" {
  scenario_clear_removes_everything
}

@test "zsh: hostile profile names (space, quote, \$(touch pwned)) are data, never code" {
  scenario_hostile_profile_names_run_nothing
}

@test "zsh: an unknown profile is refused and changes nothing" {
  scenario_unknown_profile_changes_nothing
}

@test "zsh: a failed export changes nothing" {
  scenario_failed_export_changes_nothing
}

@test "zsh: env detects the shell; its code gives the AWS CLI v2 working credentials" {
  scenario_env_detects_the_shell_and_works_with_the_aws_cli
}

@test "zsh: a failing env prints nothing to evaluate" {
  scenario_failed_env_evals_nothing
}

@test "zsh: use with no name opens a list on the terminal; Enter chooses, Esc changes nothing" {
  scenario_picker_in_a_terminal
}
