import { useEndpoint } from '../../api/use-directory-query';
import { useAppStore } from '../../store/store-context';
import { BarChart } from './bar-chart';

const percent = (v: number) => `${(v * 100).toFixed(v * 100 < 10 && v !== 0 ? 1 : 0)}%`;

/** Usage over the projects the caller can see: invocations per project, tool-call counts, error rate. */
export function AgentStatsCharts({ agentId }: { readonly agentId: string }) {
  const projects = useAppStore((s) => s.projects);
  // Runs are not a replicated kind: usage is read when the agent is opened.
  const { data: stats, error } = useEndpoint({ endpoint: 'agent.stats', params: { id: agentId } }, { kinds: [] });

  if (error !== null) return <p className="reason">{error}</p>;
  if (stats === null) return <p className="muted">Loading usage…</p>;
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? 'Another project';
  const perProject = [...stats.perProject].sort((x, y) => y.invocations - x.invocations);
  const tools = Object.entries(stats.toolCalls).sort((x, y) => y[1] - x[1]);
  return (
    <div className="stats">
      <dl className="facts">
        <div>
          <dt>Invocations</dt>
          <dd>{stats.invocations}</dd>
        </div>
        <div>
          <dt>Average rating</dt>
          <dd>{stats.averageRating === null ? 'Not rated yet' : `${stats.averageRating.toFixed(1)} of 5 (${String(stats.ratingCount)})`}</dd>
        </div>
        <div>
          <dt>Error rate</dt>
          <dd>{percent(stats.errorRate)}</dd>
        </div>
      </dl>
      {stats.invocations === 0 ? (
        <p className="muted">Not used yet: charts appear after the first runs.</p>
      ) : (
        <div className="chart-grid-layout">
          <BarChart
            title="Invocations per project"
            categoryLabel="Project"
            valueLabel="Invocations"
            categories={perProject.map((p) => projectName(p.projectId))}
            series={[{ name: 'Invocations', values: perProject.map((p) => p.invocations) }]}
          />
          <BarChart
            title="Tool calls"
            categoryLabel="Tool"
            valueLabel="Calls"
            categories={tools.map(([name]) => name)}
            series={[{ name: 'Calls', values: tools.map(([, count]) => count) }]}
          />
          <BarChart
            title="Error rate per project"
            categoryLabel="Project"
            valueLabel="Share of invocations that failed"
            categories={perProject.map((p) => projectName(p.projectId))}
            series={[{ name: 'Error rate', values: perProject.map((p) => p.errorRate) }]}
            format={percent}
          />
        </div>
      )}
    </div>
  );
}
