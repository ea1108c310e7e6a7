package main

import (
	"github.com/spf13/cobra"
)

func (a *app) completionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Completion prints a script that completes polgraph's commands and flags in
your shell. Load it in the current shell, or install it once for every new
shell as shown below (start a new shell afterwards).`,
		Example: `  # bash, this shell / every shell (needs the bash-completion package)
  source <(polgraph completion bash)
  polgraph completion bash > ~/.local/share/bash-completion/completions/polgraph

  # zsh (compinit must be enabled)
  polgraph completion zsh > "${fpath[1]}/_polgraph"

  # fish
  polgraph completion fish > ~/.config/fish/completions/polgraph.fish

  # PowerShell
  polgraph completion powershell | Out-String | Invoke-Expression`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		Args:                  cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(a.stdout, true)
			case "zsh":
				return root.GenZshCompletion(a.stdout)
			case "fish":
				return root.GenFishCompletion(a.stdout, true)
			default:
				return root.GenPowerShellCompletionWithDesc(a.stdout)
			}
		},
	}
}
