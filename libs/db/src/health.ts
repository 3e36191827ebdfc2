import type { DataSource } from 'typeorm';

export async function checkDatabase(dataSource: DataSource): Promise<{ status: 'up' | 'down'; error?: string }> {
  try {
    await dataSource.query('SELECT 1');
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
