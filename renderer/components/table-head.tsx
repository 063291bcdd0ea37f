/** A column whose heading is read out but not shown (a column of buttons). */
export interface HiddenColumn {
  readonly hidden: string;
}

/** The heading row of a table, one heading per column. */
export function TableHead({ columns }: { readonly columns: readonly (string | HiddenColumn)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.hidden} scope="col">
              <span className="visually-hidden">{column.hidden}</span>
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
