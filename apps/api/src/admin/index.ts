// What other features may use of the admin module (its Nest module: ./admin.module.ts).
export { AdminAuthService, type AdminPrincipal } from './admin-auth.service.js';
export { AdminUsersService, type AdminUserView } from './admin-users.service.js';
export { isAdminRoute, signedInBeforeBody } from './admin-access.js';
