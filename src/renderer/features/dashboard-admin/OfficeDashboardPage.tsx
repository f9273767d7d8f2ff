import type { ReactElement } from 'react';
import { useParams } from 'react-router';
import { useCurrentUser } from '../../app/session.tsx';
import { DepartmentDashboard } from '../dashboard-department/DepartmentDashboard.tsx';
import { AdminDashboard } from './AdminDashboard.tsx';

/** "Dashboard" for the office: the HOD's department, or the overview for higher administrators. */
export function OfficeDashboardPage(): ReactElement {
  const { user } = useCurrentUser();
  return user.role === 'DEPARTMENT_ADMIN' ? <DepartmentDashboard /> : <AdminDashboard />;
}

/** One department's dashboard, opened from the overview (#/departments/:id/dashboard). */
export function DepartmentDashboardPage(): ReactElement {
  const { id } = useParams();
  return <DepartmentDashboard departmentId={id} />;
}
