import { requireSession } from './authGuard';
import type { AuthStore } from './authStore';
import { RequestBinder } from './binding';
import { notFound } from './errors';
import type { SimulatorSeed } from './seed';
import type { ApiRequest, ApiResponse, Route } from './router';

/** Ping, who-am-I and the assignee search of a transition (docs/digioffice-contract.md). */

export interface UserOrGroupWire {
  __type: string;
  ID: number;
  Title: string;
  IsChecked: boolean;
  Image: null;
}

// User and group ids overlap; only doapigw's `__type` tells them apart, so the simulator emits it as doapigw does.
const USER_TYPE = 'IDB.API.DTO.UserInformation.User,IDB.API.DTO';
const GROUP_TYPE = 'IDB.API.DTO.UserInformation.Group,IDB.API.DTO';

function usersAndGroups(req: ApiRequest, auth: AuthStore, seed: SimulatorSeed): ApiResponse {
  const binder = new RequestBinder('GetUsersAndGroupsForTransition');
  const transitionId = binder.guid(req.params, 'TransitionID');
  const query = Object.fromEntries(req.query);
  const search = (binder.string(query, 'SearchCriteria') ?? '').trim().toLowerCase();
  const pageSize = binder.int(query, 'PageSize') ?? 0;
  const pageNumber = binder.int(query, 'PageNumber') ?? 1;
  const selectedUsers = binder.intList(query, 'SelectedUserIDs') ?? [];
  const selectedGroups = binder.intList(query, 'SelectedGroupIDs') ?? [];
  binder.done();
  requireSession(auth, req);
  if (!seed.tasks.some((t) => t.transitions.some((d) => d.ID === transitionId)))
    throw notFound(`Transition ${transitionId ?? ''} not found.`);

  const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);
  const all: UserOrGroupWire[] = [
    ...seed.users
      .map((u) => ({ id: u.id, title: u.displayName }))
      .sort(byTitle)
      .map((u) => item(USER_TYPE, u.id, u.title, selectedUsers.includes(u.id))),
    ...[...seed.groups].sort(byTitle).map((g) => item(GROUP_TYPE, g.id, g.title, selectedGroups.includes(g.id))),
  ];
  const matching = all.filter((i) => i.Title.toLowerCase().includes(search));
  // [inference] PageNumber is 1-based; PageSize 0 or absent means everything.
  const page = pageSize > 0 ? matching.slice((Math.max(pageNumber, 1) - 1) * pageSize, Math.max(pageNumber, 1) * pageSize) : matching;
  return { status: 200, body: { NumberOfAllRecords: matching.length, UsersOrGroups: page, QuickAddOptions: [] } };
}

function item(type: string, id: number, title: string, checked: boolean): UserOrGroupWire {
  return { __type: type, ID: id, Title: title, IsChecked: checked, Image: null };
}

export function userRoutes(auth: AuthStore, seed: SimulatorSeed): Route[] {
  return [
    { path: '/api/ping', methods: ['GET'], handler: () => ({ status: 200, body: { Value: 'pong' } }) },
    {
      path: '/api/users/me/info',
      methods: 'ANY',
      handler: (req) => {
        const { user } = requireSession(auth, req);
        return { status: 200, body: { ID: user.id, DisplayName: user.displayName } };
      },
    },
    {
      path: '/api/workflowtransitions/{TransitionID}/getusersandgroups',
      methods: ['GET'],
      handler: (req) => usersAndGroups(req, auth, seed),
    },
  ];
}
